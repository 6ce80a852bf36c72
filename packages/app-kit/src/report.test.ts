import { describe, expect, it } from 'vitest';
import { formatLosses, markdownTable, thousands } from './report.js';

describe('reports', () => {
  it('write numbers as the apps print them', () => {
    expect(thousands(100836)).toBe('100,836');
    expect(formatLosses({ train: 2.07123, dev: 2.13 }, { dev: 'val' })).toBe('train 2.0712  val 2.1300');
  });

  it('right-align columns of numbers, a dash standing for a figure that does not apply', () => {
    const table = markdownTable(['model', 'RMSE', 'NDCG@10'], [['global mean', '1.0438', '—'], ['popularity', '—', '0.1801'], ['mf', '0.8438 ± 0.0041', '0.0618']]);
    expect(table.split('\n')).toEqual([
      '| model       |            RMSE | NDCG@10 |',
      '|-------------|----------------:|--------:|',
      '| global mean |          1.0438 |       — |',
      '| popularity  |               — |  0.1801 |',
      '| mf          | 0.8438 ± 0.0041 |  0.0618 |',
    ]);
    expect(markdownTable(['a'], [['—']]).split('\n')[1]).toBe('|---|'); // dashes alone are not numbers
  });
});

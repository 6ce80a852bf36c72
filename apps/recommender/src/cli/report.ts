/** Tables as the commands print them. */
import { markdownTable } from '@typegrad/app-kit';
import type { ComparisonRow } from '../eval/evaluate.js';

const figure = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));

/**
 * The comparison as a Markdown table: rating errors and ranking at k, '—' where a figure does not apply; columns no
 * row has are left out.
 * @example comparisonTable(rows) // '| model | RMSE | MAE |\n|---…'
 */
export function comparisonTable(rows: readonly ComparisonRow[], k = 10): string {
  const columns = [
    { key: 'rmse', title: 'RMSE' },
    { key: 'mae', title: 'MAE' },
    { key: 'precision', title: `P@${k}` },
    { key: 'recall', title: `R@${k}` },
    { key: 'ndcg', title: `NDCG@${k}` },
  ] as const;
  const shown = columns.filter((c) => rows.some((r) => r[c.key] !== null));
  return markdownTable(['model', ...shown.map((c) => c.title)], rows.map((r) => [r.name, ...shown.map((c) => figure(r[c.key]))]));
}

/**
 * Several folds' rows as one table of mean ± standard deviation, row by row.
 * @example foldTable([fold1Rows, fold2Rows]) // '| model | RMSE | …\n| mf | 0.8512 ± 0.0041 | …'
 */
export function foldTable(folds: readonly (readonly ComparisonRow[])[]): string {
  const keys = ['rmse', 'mae'] as const;
  const rows = folds[0].map((row, r) => {
    const cells = keys.map((key) => {
      const values = folds.map((f) => f[r][key]).filter((v): v is number => v !== null);
      if (values.length === 0) return '—';
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
      return `${mean.toFixed(4)} ± ${std.toFixed(4)}`;
    });
    return [row.name, ...cells];
  });
  return markdownTable(['model', 'RMSE', 'MAE'], rows);
}

import { describe, expect, it } from 'vitest';
import { evaluatePredictions, meanStd } from './metrics.js';

describe('evaluatePredictions', () => {
  it('accuracy, macro-F1, the confusion matrix and accuracy per source', () => {
    // true:      0 0 0 1 1 2
    // predicted: 0 0 1 1 2 2
    const e = evaluatePredictions([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 2], 3, ['a', 'a', 'b', 'b', 'b', undefined]);
    expect(e.n).toBe(6);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    expect(e.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    // F1 per class: 2·2/(3+2) = 0.8, 2·1/(2+2) = 0.5, 2·1/(1+2) = 2/3
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(e.perSource).toEqual([
      { source: 'a', n: 2, accuracy: 1 },
      { source: 'b', n: 3, accuracy: 1 / 3 },
    ]);
  });

  it('a class never true and never predicted counts 0 in macro-F1', () => {
    expect(evaluatePredictions([0, 1], [0, 1], 3).macroF1).toBeCloseTo(2 / 3, 12);
  });

  it('meanStd: the sample standard deviation', () => {
    const { mean, std } = meanStd([0.8, 0.82, 0.84]);
    expect(mean).toBeCloseTo(0.82, 12);
    expect(std).toBeCloseTo(0.02, 12);
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
  });
});

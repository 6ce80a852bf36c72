import { describe, expect, it } from 'vitest';
import type { Interactions } from '../data/interactions.js';
import { rankingMetrics, topK } from './ranking-metrics.js';
import { ratingErrors } from './rating-metrics.js';

const pairs = (users: number[], items: number[], numItems: number): Interactions => ({
  users: Int32Array.from(users),
  items: Int32Array.from(items),
  ratings: new Float32Array(users.length).fill(4),
  timestamps: null,
  numUsers: 2,
  numItems,
  length: users.length,
});

describe('metrics', () => {
  it('RMSE and MAE, predictions clipped to the scale first', () => {
    const e = ratingErrors(Float32Array.of(3.9, 5.3, 0.2), Float32Array.of(4, 5, 1), [0.5, 5]);
    expect(e.rmse).toBeCloseTo(Math.sqrt((0.01 + 0 + 0.25) / 3), 6);
    expect(e.mae).toBeCloseTo((0.1 + 0 + 0.5) / 3, 6);
    expect(() => ratingErrors([1], [1, 2], [0, 5])).toThrow('ratingErrors: 1 predictions for 2 ratings');
  });

  it('topK: best first, excluded items skipped, ties to the lower index', () => {
    expect(topK(Float32Array.of(0.1, 0.9, 0.5, 0.9), 3)).toEqual([1, 3, 2]);
    expect(topK(Float32Array.of(0.1, 0.9, 0.5), 2, new Set([1]))).toEqual([2, 0]);
    expect(topK(Float32Array.of(1, 1, 1, 1), 2)).toEqual([0, 1]);
  });

  it('precision, recall and NDCG at k, training items left out of each ranking', () => {
    // 6 items; user 0 trained on item 0, holds out 2 and 4; user 1 trained on 5, holds out 1
    const train = pairs([0, 1], [0, 5], 6);
    const test = pairs([0, 0, 1], [2, 4, 1], 6);
    const scores = [
      [9, 0, 5, 1, 4, 3], // user 0: item 0 is seen, so the top 2 is [2, 4]: both hits
      [0, 1, 2, 3, 4, 9], // user 1: item 5 is seen, the top 2 is [4, 3]: no hit
    ];
    const m = rankingMetrics((users) => Float32Array.from([...users].flatMap((u) => scores[u])), train, test, 2);
    expect(m.users).toBe(2);
    expect(m.precision).toBeCloseTo((2 / 2 + 0) / 2, 10);
    expect(m.recall).toBeCloseTo((2 / 2 + 0) / 2, 10);
    expect(m.ndcg).toBeCloseTo((1 + 0) / 2, 10);
    // the seen item's high score does not take a place; a hit at rank 2 gains 1/log2(3) of the ideal 1
    const seenLeftOut = rankingMetrics(() => Float32Array.of(0, 0, 1, 0, 0, 5), pairs([0], [5], 6), pairs([0], [2], 6), 2);
    expect(seenLeftOut.ndcg).toBeCloseTo(1, 10);
    const second = rankingMetrics(() => Float32Array.of(0, 0, 1, 2, 0, 0), pairs([0], [5], 6), pairs([0], [2], 6), 2);
    expect(second.ndcg).toBeCloseTo(1 / Math.log2(3), 10);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interactionsOf, subset, type Interactions } from '../data/interactions.js';
import { randomSplit } from '../data/splits.js';
import { compareModels } from '../eval/evaluate.js';
import { hasMovieLens, movieLens } from '../testing/movielens.js';
import { fitBiases, predictBiases } from './biases.js';
import { popularityScores } from './popularity.js';

/** scripts/surprise_reference.py's figures on the same split (Surprise's BaselineOnly, by its documented ALS). */
const reference = JSON.parse(readFileSync(new URL('../../fixtures/surprise_reference.json', import.meta.url), 'utf8')) as {
  models: Record<string, { rmse: number; mae: number }>;
};

const tiny: Interactions = {
  users: Int32Array.of(0, 0, 1, 1, 2),
  items: Int32Array.of(0, 1, 0, 1, 1),
  ratings: Float32Array.of(5, 3, 4, 2, 1),
  timestamps: null,
  numUsers: 3,
  numItems: 3,
  length: 5,
};

describe('baselines', () => {
  it("user and item biases by Surprise's ALS: item deviations, then user deviations, each shrunk by its reg", () => {
    const b = fitBiases(tiny, { regUser: 1, regItem: 2, epochs: 1 });
    expect(b.mean).toBe(3);
    // items first, from zero user biases: (5−3 + 4−3)/(2+2), (3−3 + 2−3 + 1−3)/(2+3); item 2 has no ratings
    expect(Array.from(b.itemBias)).toEqual([0.75, -0.6, 0]);
    // then users: (5−3−0.75 + 3−3+0.6)/(1+2), (4−3−0.75 + 2−3+0.6)/(1+2), (1−3+0.6)/(1+1)
    expect(Array.from(b.userBias).map((v) => Number(v.toFixed(10)))).toEqual([0.6166666667, -0.05, -0.7]);
    expect(predictBiases(b, 2, 2)).toBeCloseTo(2.3, 10);
  });

  it('popularity: each item scored by its number of ratings', () => {
    expect(Array.from(popularityScores(tiny))).toEqual([2, 3, 0]);
  });

  it.skipIf(!hasMovieLens)("on ml-latest-small's 80/20 split: the global mean and the biases score what the Surprise reference scores", async () => {
    const all = interactionsOf((await movieLens()).ratings);
    const split = randomSplit(all.length, 0.2, 42);
    const rows = compareModels({ train: subset(all, split.train), test: subset(all, split.test), scale: [0.5, 5], models: [] });
    const [mean, biases] = rows;
    expect(mean.rmse).toBeCloseTo(reference.models['global mean'].rmse, 6);
    expect(mean.mae).toBeCloseTo(reference.models['global mean'].mae, 6);
    expect(biases.rmse).toBeCloseTo(reference.models['BaselineOnly (ALS)'].rmse, 6);
    expect(biases.mae).toBeCloseTo(reference.models['BaselineOnly (ALS)'].mae, 6);
  });
});

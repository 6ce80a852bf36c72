import { describe, expect, it } from 'vitest';
import { Generator } from '@typegrad/tensor';
import { fitBiases } from '../baselines/biases.js';
import { interactionsOf, itemsByUser, meanRating, subset } from '../data/interactions.js';
import { randomSplit, temporalSplit } from '../data/splits.js';
import { compareModels, modelScores, predictRatings } from '../eval/evaluate.js';
import { rankingMetrics } from '../eval/ranking-metrics.js';
import { ratingErrors } from '../eval/rating-metrics.js';
import { modelConfig, type ModelKind } from '../models/config.js';
import { createModel } from '../models/create.js';
import { hasMovieLens, movieLens } from '../testing/movielens.js';
import { syntheticRatings } from '../testing/synthetic.js';
import { cosineLr } from './optimizers.js';
import { sampleNegatives } from './negatives.js';
import { trainModel } from './train.js';

function setUp(kind: ModelKind, seed = 42) {
  const ratings = syntheticRatings(60, 40, 15, 1, kind === 'bpr' ? 'taste' : 'uniform');
  const all = interactionsOf(ratings);
  const split = kind === 'bpr' ? temporalSplit(all, 3) : randomSplit(all.length, 0.2, 7);
  const train = subset(all, split.train);
  const test = subset(all, split.test);
  const generator = new Generator().manualSeed(seed);
  const model = createModel(modelConfig(kind, { numUsers: all.numUsers, numItems: all.numItems, mean: meanRating(train), scale: ratings.scale, factors: 8 }), generator);
  return { train, test, model, generator, scale: ratings.scale };
}

describe('training', () => {
  it('a cosine schedule from the peak rate to 0', () => {
    expect(cosineLr(0, 100, 0.01)).toBe(0.01);
    expect(cosineLr(50, 100, 0.01)).toBeCloseTo(0.005, 12);
    expect(cosineLr(100, 100, 0.01)).toBeCloseTo(0, 12);
  });

  it('mf learns the synthetic tastes: the loss falls each epoch and it beats the biases on held-out ratings', async () => {
    const { train, test, model, generator, scale } = setUp('mf');
    const epochs: number[] = [];
    const result = await trainModel(model, train, { epochs: 12, batchSize: 32, lr: 0.05, reg: 0.01, generator, onEpoch: ({ loss }) => void epochs.push(loss) });
    expect(result.epochs).toHaveLength(12);
    expect(epochs.at(-1)!).toBeLessThan(epochs[0] * 0.5);
    const [, biases, mf] = compareModels({ train, test, scale, models: [{ name: 'mf', model }] });
    expect(mf.rmse!).toBeLessThan(biases.rmse! - 0.1);
  });

  it('the same seed trains the same model', async () => {
    const runs = await Promise.all([0, 1].map(async () => {
      const { train, test, model, generator } = setUp('nn', 5);
      await trainModel(model, train, { epochs: 2, batchSize: 64, lr: 0.01, reg: 0, generator });
      return Array.from(predictRatings(model, test));
    }));
    expect(runs[0]).toEqual(runs[1]);
  });

  it('bpr ranks held-out items above what it ranked at the start', async () => {
    const { train, test, model, generator } = setUp('bpr');
    const before = rankingMetrics(modelScores(model), train, test, 5).ndcg;
    await trainModel(model, train, { epochs: 15, batchSize: 64, lr: 0.02, reg: 1e-4, generator });
    expect(rankingMetrics(modelScores(model), train, test, 5).ndcg).toBeGreaterThan(before + 0.1);
  });

  it('negatives are drawn among the items a user has not seen', () => {
    const { train, generator } = setUp('bpr');
    const seen = itemsByUser(train);
    const users = Int32Array.from({ length: 500 }, (_, k) => k % train.numUsers);
    const negatives = sampleNegatives(users, seen, train.numItems, generator);
    const clashes = [...negatives].filter((j, k) => seen[users[k]].has(j)).length;
    expect(clashes).toBe(0);
  });

  it('stops after the current step when its signal is aborted', async () => {
    const { train, model, generator } = setUp('mf');
    const controller = new AbortController();
    const result = await trainModel(model, train, { epochs: 5, batchSize: 16, lr: 0.01, reg: 0, generator, signal: controller.signal, onStep: ({ step }) => {
      if (step === 3) controller.abort();
    } });
    expect(result.stopped).toBe(true);
    expect(result.epochs).toHaveLength(1);
  });

  it.skipIf(!hasMovieLens)('on ml-latest-small, two epochs of mf already beat the bias baseline (the 80/20 split)', async () => {
    const { ratings } = await movieLens();
    const all = interactionsOf(ratings);
    const split = randomSplit(all.length, 0.2, 42);
    const train = subset(all, split.train);
    const test = subset(all, split.test);
    const generator = new Generator().manualSeed(42);
    const model = createModel(modelConfig('mf', { numUsers: all.numUsers, numItems: all.numItems, mean: meanRating(train), scale: ratings.scale }), generator);
    await trainModel(model, train, { epochs: 2, batchSize: 512, lr: 0.01, reg: 0.1, generator });
    const biases = fitBiases(train);
    const biasRmse = ratingErrors(Float32Array.from(test.users, (u, k) => biases.mean + biases.userBias[u] + biases.itemBias[test.items[k]]), test.ratings, ratings.scale).rmse;
    expect(ratingErrors(predictRatings(model, test), test.ratings, ratings.scale).rmse).toBeLessThan(biasRmse);
  });
});

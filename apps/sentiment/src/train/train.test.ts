import { describe, expect, it } from 'vitest';
import { Generator } from '@typegrad/tensor';
import { pick } from '../data/examples.js';
import { makeSplit } from '../data/splits.js';
import { evaluateClassifier } from '../eval/metrics.js';
import { BagOfWords } from '../features/bag-of-words.js';
import { createClassifier } from '../models/create.js';
import { sentenceSubset } from '../testing/sentences.js';
import { balancedWeights, trainClassifier, type EpochInfo } from './train.js';

const data = await sentenceSubset(600);
const split = makeSplit(data.examples, { kind: 'holdout', fractions: [0.7, 0.15, 0.15], seed: 2 });
const [train, dev] = [pick(data.examples, split.train), pick(data.examples, split.dev)];

async function run(kind: 'bow-logreg' | 'embedding-bag', epochs: number, patience: number, seed = 5) {
  const generator = new Generator().manualSeed(seed);
  const c = createClassifier(kind, train.map((e) => e.text), data.classes, {}, generator);
  const seen: EpochInfo[] = [];
  const result = await trainClassifier(c, train, dev, { epochs, batchSize: 32, lr: kind === 'bow-logreg' ? 0.02 : 0.01, weightDecay: 0.01, patience, generator, onEpoch: (e) => void seen.push(e) });
  return { c, result, seen };
}

describe("bow-logreg's default features", () => {
  it('are naive-Bayes-scaled presence, n-grams seen once included, when the labels of two classes are given; counts otherwise', () => {
    const texts = train.map((e) => e.text);
    const labels = train.map((e) => e.label);
    const features = (c: ReturnType<typeof createClassifier>) => c.features as BagOfWords;
    const nb = features(createClassifier('bow-logreg', texts, data.classes, {}, new Generator().manualSeed(1), labels));
    expect([nb.options.weighting, nb.options.minFrequency, nb.ratio?.length]).toEqual(['nb', 1, nb.size]);
    const counts = features(createClassifier('bow-logreg', texts, data.classes, {}, new Generator().manualSeed(1)));
    expect([counts.options.weighting, counts.options.minFrequency, counts.ratio]).toEqual(['count', 2, null]);
    expect(nb.size).toBeGreaterThan(counts.size);
    // an explicit weighting keeps the other defaults
    const tfidf = features(createClassifier('bow-logreg', texts, data.classes, { bow: { weighting: 'tfidf' } }, new Generator().manualSeed(1), labels));
    expect([tfidf.options.weighting, tfidf.options.minFrequency]).toEqual(['tfidf', 2]);
  });
});

describe('trainClassifier', () => {
  it('learns: the training loss falls and dev accuracy rises well above chance', async () => {
    const { result } = await run('bow-logreg', 6, 0);
    const losses = result.epochs.map((e) => e.loss);
    expect(losses[5]).toBeLessThan(losses[0] * 0.6);
    expect(Math.max(...result.epochs.map((e) => e.devAccuracy))).toBeGreaterThan(0.65);
  });

  it('restores the best epoch: dev accuracy after training is the best epoch\'s', async () => {
    const { c, result } = await run('embedding-bag', 12, 2);
    const best = result.epochs[result.bestEpoch - 1];
    expect(best.best).toBe(true);
    expect(Math.max(...result.epochs.map((e) => e.devAccuracy))).toBe(best.devAccuracy);
    expect(evaluateClassifier(c, dev).accuracy).toBeCloseTo(best.devAccuracy, 10);
    if (result.earlyStopped) expect(result.epochs.length).toBe(result.bestEpoch + 2);
  });

  it("monitor 'loss': the kept epoch is the one with the lowest dev loss", async () => {
    const generator = new Generator().manualSeed(4);
    const c = createClassifier('embedding-bag', train.map((e) => e.text), data.classes, {}, generator);
    const result = await trainClassifier(c, train, dev, { epochs: 8, batchSize: 32, lr: 0.02, weightDecay: 0, patience: 0, monitor: 'loss', generator });
    const losses = result.epochs.map((e) => e.devLoss);
    expect(result.bestEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(result.bestEpoch).toBeLessThan(8); // at lr 0.02 it overfits within 8 epochs, so the dev loss rises again
  });

  it('is seeded: the same seed gives the same run, another seed another', async () => {
    const a = await run('embedding-bag', 2, 0, 9);
    const b = await run('embedding-bag', 2, 0, 9);
    const other = await run('embedding-bag', 2, 0, 10);
    expect(b.result.epochs.map((e) => e.loss)).toEqual(a.result.epochs.map((e) => e.loss));
    expect(other.result.epochs[0].loss).not.toBe(a.result.epochs[0].loss);
  });

  it("balanced class weights: n / (classes × the class's count)", () => {
    expect(balancedWeights([0, 0, 0, 1], 2)).toEqual([4 / 6, 2]);
    expect(balancedWeights([0, 1], 3)).toEqual([2 / 3, 2 / 3, 0]);
  });
});

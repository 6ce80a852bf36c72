/**
 * Reproducibility against PyTorch: fixtures/makemore.json holds what the lectures' own code printed under
 * PyTorch 1.13 with the lectures' seed (fixtures/make_makemore_fixtures.py); these tests run the same steps here.
 */
import { readFileSync } from 'node:fs';
import { loadNames } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExamples, vocabularyOf } from './data/examples.js';
import { prepareData } from './data/splits.js';
import { BigramCounts } from './models/bigram-counts.js';
import { BigramNet } from './models/bigram.js';
import { modelConfig, type BigramInput, type MlpInit } from './models/config.js';
import { MLP } from './models/mlp.js';
import { LECTURE_SEED, sampleNames } from './sample.js';
import { evaluateLoss } from './train/evaluate.js';
import { trainModel } from './train/train.js';

interface MlpFixture {
  losses: number[];
  dev_after: number;
  C_first: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/makemore.json', import.meta.url), 'utf8')) as {
  seed: number;
  bigram_counts: { names: string[]; nll_lecture_loop: number; nll_all_words: number; N_row0: number[]; P_row0: number[] };
  bigram_net: { W_first: number[]; num: number; lr: number; regularization: number; losses: number[] };
  split_sizes: number[];
  mlp_randn: MlpFixture;
  mlp_kaiming: MlpFixture;
};

let names: string[];
beforeAll(async () => {
  names = (await loadNames()).names;
});

describe('the bigram count model (lecture 1)', () => {
  it("samples the lecture's names with its seed", async () => {
    expect(fixture.seed).toBe(LECTURE_SEED);
    const vocab = vocabularyOf(names);
    const { X, Y } = buildExamples(names, vocab, 1);
    const model = new BigramCounts(modelConfig('bigram-counts', vocab.vocabSize)).fit(X, Y);
    expect(model.N.select(0, 0).toArraySync()).toEqual(fixture.bigram_counts.N_row0);
    const P0 = model.table().select(0, 0).toArraySync() as number[];
    P0.forEach((p, j) => expect(p).toBe(fixture.bigram_counts.P_row0[j])); // the same float32 division
    const sampled = await sampleNames(model, vocab, { count: 20, generator: new Generator().manualSeed(LECTURE_SEED) });
    expect(sampled).toEqual(fixture.bigram_counts.names); // mor, axx, minaymoryles, kondlaisah, …
    expect(await evaluateLoss(model, { X, Y })).toBeCloseTo(fixture.bigram_counts.nll_all_words, 5); // 2.4546 (the lecture's float32 loop prints 2.4544)
  });
});

describe('the one-layer network (lecture 2)', () => {
  it.each<BigramInput>(['one-hot', 'embedding'])("gives the lecture's first losses with %s input (W = randn((27, 27)), lr 50)", async (input) => {
    const vocab = vocabularyOf(names);
    const { X, Y } = buildExamples(names, vocab, 1);
    expect(Y.shape[0]).toBe(fixture.bigram_net.num);
    const g = new Generator().manualSeed(LECTURE_SEED);
    const net = new BigramNet(modelConfig('bigram', vocab.vocabSize, { input }), g);
    (net.W.select(0, 0).toArraySync() as number[]).slice(0, 5).forEach((w, j) => expect(w).toBeCloseTo(fixture.bigram_net.W_first[j], 6));
    const losses: number[] = [];
    await trainModel(net, { X, Y }, {
      steps: 3, // each step is a pass over all 228,146 bigrams
      batchSize: 0,
      lr: fixture.bigram_net.lr,
      decayAt: null,
      regularization: fixture.bigram_net.regularization,
      generator: g,
      onStep: ({ loss }) => void losses.push(loss),
    });
    expect(losses).toHaveLength(3);
    losses.forEach((l, k) => expect(l).toBeCloseTo(fixture.bigram_net.losses[k], 4)); // 3.7686, 3.3788, 3.1611
  });
});

describe('the MLP (lectures 3 and 4)', () => {
  it.each<MlpInit>(['randn', 'kaiming'])("draws the lecture's weights and minibatches (init %s)", async (init) => {
    const { vocab, splits } = prepareData(names, { blockSize: 3 });
    expect([splits.train.Y.shape[0], splits.dev.Y.shape[0], splits.test.Y.shape[0]]).toEqual(fixture.split_sizes);
    const expected = init === 'randn' ? fixture.mlp_randn : fixture.mlp_kaiming;
    const g = new Generator().manualSeed(LECTURE_SEED);
    const mlp = new MLP(modelConfig('mlp', vocab.vocabSize, { init }), g);
    (mlp.emb.weight.select(0, 0).toArraySync() as number[]).forEach((c, j) => expect(c).toBeCloseTo(expected.C_first[j], 5));
    const losses: number[] = [];
    await trainModel(mlp, splits.train, { steps: expected.losses.length, batchSize: 32, lr: 0.1, decayAt: null, generator: g, onStep: ({ loss }) => void losses.push(loss) });
    losses.forEach((l, k) => expect(Math.abs(l - expected.losses[k]) / expected.losses[k]).toBeLessThan(1e-5));
    expect(await evaluateLoss(mlp, splits.dev)).toBeCloseTo(expected.dev_after, 4);
  });
});

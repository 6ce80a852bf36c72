import { Generator, tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { BigramCounts } from './bigram-counts.js';
import { BigramNet } from './bigram.js';
import { modelConfig } from './config.js';
import { createModel } from './create.js';
import { MLP } from './mlp.js';

describe('modelConfig', () => {
  it("fills in the lectures' sizes", () => {
    expect(modelConfig('mlp', 27)).toEqual({ model: 'mlp', vocabSize: 27, blockSize: 3, embDim: 10, layers: 4, heads: 4, dropout: 0, hidden: 200, init: 'kaiming', smoothing: 1, input: 'embedding' });
    // makemore's transformer: 4 layers of 4 heads, width 64, a block of the longest name + 1 (16 for the shipped names)
    expect(modelConfig('transformer', 27)).toMatchObject({ blockSize: 16, embDim: 64, layers: 4, heads: 4, dropout: 0.2 });
    expect(modelConfig('gpt', 65)).toMatchObject({ blockSize: 64, embDim: 128, dropout: 0 });
    expect(modelConfig('bigram', 27).blockSize).toBe(1);
    expect(modelConfig('mlp', 27, { embDim: 2, hidden: undefined }).embDim).toBe(2);
  });

  it('says what is wrong', () => {
    expect(() => modelConfig('rnn' as never, 27)).toThrow("unknown model 'rnn' (expected one of bigram-counts, bigram, mlp, transformer, gpt)");
    expect(() => modelConfig('transformer', 27, { embDim: 10, heads: 4 })).toThrow('embDim (10) must be divisible by heads (4)');
    expect(() => modelConfig('mlp', 27, { hidden: 0 })).toThrow('hidden must be a positive integer, got 0');
    expect(() => modelConfig('bigram', 27, { blockSize: 3 })).toThrow('bigram looks at one character: blockSize must be 1, got 3');
    expect(() => modelConfig('mlp', 27, { init: 'xavier' as never })).toThrow("init must be 'randn' or 'kaiming', got 'xavier'");
  });
});

describe('the models', () => {
  const ctx = tensor([[0, 0, 1], [1, 2, 2]], { dtype: 'int32' });

  it('give logits [B, V] and probabilities that sum to 1', () => {
    const mlp = new MLP(modelConfig('mlp', 5, { hidden: 8 }), new Generator().manualSeed(1));
    expect(mlp.forward(ctx).shape).toEqual([2, 5]);
    const p = mlp.probs(ctx, 0.5).sum(1).toArraySync() as number[];
    p.forEach((s) => expect(s).toBeCloseTo(1, 6));
    expect(mlp.parameters().map((t) => t.shape)).toEqual([[5, 10], [8, 30], [8], [5, 8], [5]]);
    expect(() => mlp.probs(ctx, 0)).toThrow('temperature must be a positive number, got 0');
  });

  it('compute the same bigram logits from one-hot inputs and from the row lookup', () => {
    const a = new BigramNet(modelConfig('bigram', 5, { input: 'one-hot' }), new Generator().manualSeed(3));
    const b = new BigramNet(modelConfig('bigram', 5), new Generator().manualSeed(3));
    const x = tensor([[4], [0], [2]], { dtype: 'int32' });
    expect(a.forward(x).toArraySync()).toEqual(b.forward(x).toArraySync());
  });

  it('count bigrams, smooth them, and sharpen with temperature', () => {
    const counts = new BigramCounts(modelConfig('bigram-counts', 3));
    counts.fit(tensor([[0], [0], [1]], { dtype: 'int32' }), tensor([1, 1, 0], { dtype: 'int32' }));
    expect(counts.N.toArraySync()).toEqual([[0, 2, 0], [1, 0, 0], [0, 0, 0]]);
    const row = counts.probs(tensor([[0]], { dtype: 'int32' }), 1).toArraySync() as number[][];
    expect(row[0].map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.6, 0.2]); // (N + 1) / 5
    const cold = counts.probs(tensor([[0]], { dtype: 'int32' }), 0.5).toArraySync() as number[][];
    expect(cold[0][1]).toBeCloseTo(9 / 11, 6); // 0.6² / (0.2² + 0.6² + 0.2²)
    expect(counts.parameters()).toHaveLength(0);
    expect(Object.keys(counts.stateDict())).toEqual(['N']);
  });

  it('are made by kind', () => {
    expect(createModel(modelConfig('mlp', 27))).toBeInstanceOf(MLP);
    expect(createModel(modelConfig('bigram', 27))).toBeInstanceOf(BigramNet);
    expect(createModel(modelConfig('bigram-counts', 27))).toBeInstanceOf(BigramCounts);
  });
});

describe('sampling', () => {
  it('draws without dropout, whatever mode the model is in, and leaves the mode as it was', async () => {
    const { sampleNames } = await import('../sample.js');
    const { vocabularyOf } = await import('../data/examples.js');
    const vocab = vocabularyOf(['ab', 'ba', 'abba']);
    const model = createModel(modelConfig('transformer', vocab.vocabSize, { layers: 1, heads: 1, embDim: 4, blockSize: 8, dropout: 0.9 }), new Generator().manualSeed(1));
    const draw = () => sampleNames(model, vocab, { count: 6, generator: new Generator().manualSeed(5) });
    model.train();
    const training = await draw();
    expect(model.training).toBe(true);
    model.eval();
    expect(await draw()).toEqual(training); // dropout at 0.9 would change nearly every draw
  });
});

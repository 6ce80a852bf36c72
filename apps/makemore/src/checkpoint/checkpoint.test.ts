import { Generator, randn, tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../data/examples.js';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { decodeCheckpoint, encodeCheckpoint, restoreGenerator, saveGenerator, type CheckpointInfo } from './checkpoint.js';

const vocab = vocabularyOf(['abc', 'cab']);
const info = (): CheckpointInfo => ({
  data: { source: 'shipped:names.txt', splitSeed: 42, examples: { train: 1, dev: 1, test: 1 } },
  training: { step: 3, steps: 10, batchSize: 32, lr: 0.1, decayAt: 5, decayFactor: 0.1, regularization: 0, seed: 1, generator: saveGenerator(new Generator().manualSeed(1)), scheduler: null },
  losses: { dev: 2.5 },
  weights: 'mlp.safetensors',
});

describe('checkpoints', () => {
  it('bring back the same model, vocabulary and settings', async () => {
    const model = createModel(modelConfig('mlp', vocab.vocabSize, { hidden: 6, embDim: 2 }), new Generator().manualSeed(5));
    const { weights, json, meta } = await encodeCheckpoint(model, vocab, info());
    const loaded = decodeCheckpoint(weights, json, 'runs/mlp');
    expect(loaded.meta).toEqual(meta);
    expect(loaded.vocab.tokens).toEqual(['.', 'a', 'b', 'c']);
    expect(loaded.model.config).toEqual(model.config);
    const x = tensor([[0, 1, 2]], { dtype: 'int32' });
    expect(loaded.model.forward(x).toArraySync()).toEqual(model.forward(x).toArraySync());
    expect(JSON.parse(json).config.hidden).toBe(6);
  });

  it('refuse a weights file and a JSON from different saves, and files that are not checkpoints', async () => {
    const model = createModel(modelConfig('bigram', vocab.vocabSize), new Generator());
    const a = await encodeCheckpoint(model, vocab, info());
    const b = await encodeCheckpoint(model, vocab, info());
    expect(() => decodeCheckpoint(a.weights, b.json, 'runs/x')).toThrow(/runs\/x: the weights \(\w+\) and the JSON \(\w+\) come from different saves/);
    expect(() => decodeCheckpoint(a.weights, '{"format":"other"}', 'runs/x')).toThrow(`runs/x.json: not a makemore checkpoint (format is "other", expected 'typegrad-makemore')`);
    expect(() => decodeCheckpoint(a.weights, '{', 'runs/x')).toThrow(/runs\/x.json: not valid JSON/);
  });

  it('save and restore a generator mid-stream', () => {
    const g = new Generator().manualSeed(2147483647);
    randn([5], { generator: g });
    const saved = JSON.parse(JSON.stringify(saveGenerator(g)));
    const expected = randn([7], { generator: g }).toArraySync();
    expect(randn([7], { generator: restoreGenerator(new Generator(), saved) }).toArraySync()).toEqual(expected);
  });
});

import { Generator, randn, tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../data/examples.js';
import { MODEL_KINDS, modelConfig, stateShapes } from '../models/config.js';
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

  it('check the JSON against the weights before building anything: a hostile config allocates nothing', async () => {
    const model = createModel(modelConfig('mlp', vocab.vocabSize, { hidden: 6, embDim: 2 }), new Generator().manualSeed(5));
    const { weights, json } = await encodeCheckpoint(model, vocab, info());
    const edit = (f: (m: Record<string, any>) => void) => {
      const m = JSON.parse(json);
      f(m);
      return JSON.stringify(m);
    };
    const started = performance.now();
    expect(() => decodeCheckpoint(weights, edit((m) => (m.config.hidden = 1e7)), 'runs/x')).toThrow(
      "runs/x: the config describes 'hidden.weight' as [10000000, 6], but the weights hold [6, 6]",
    );
    expect(performance.now() - started).toBeLessThan(1000); // the old loader built the 5.7 GB model first
    expect(() => decodeCheckpoint(weights, edit((m) => delete m.config), 'runs/x')).toThrow("runs/x.json: 'config' is missing; expected an object with the model settings");
    expect(() => decodeCheckpoint(weights, edit((m) => (m.config.model = 'rnn')), 'runs/x')).toThrow(`runs/x.json: 'config.model' is "rnn"; expected bigram-counts, bigram, mlp, transformer, gpt`);
    expect(() => decodeCheckpoint(weights, edit((m) => (m.config.hidden = -1)), 'runs/x')).toThrow('runs/x.json: config: hidden must be a positive integer, got -1');
    expect(() => decodeCheckpoint(weights, edit((m) => (m.vocabulary.tokens = ['.'])), 'runs/x')).toThrow('runs/x.json: the vocabulary has 1 tokens but config.vocabSize is 4');
    expect(() => decodeCheckpoint(weights, edit((m) => (m.training.step = 'x')), 'runs/x')).toThrow(`runs/x.json: 'training.step' is "x"; expected a non-negative integer`);
    expect(() => decodeCheckpoint(weights, edit((m) => (m.version = 9)), 'runs/x')).toThrow('runs/x.json: checkpoint version 9 is not supported (this makemore reads versions 1 and 2)');
    expect(() => decodeCheckpoint(weights, '[1]', 'runs/x')).toThrow('runs/x.json: expected a JSON object, got an array');
  });

  it('know each model kind\'s state dict shapes from its config alone', () => {
    for (const kind of MODEL_KINDS) {
      const wide = kind === 'transformer' || kind === 'gpt';
      const config = modelConfig(kind, 7, { hidden: 5, embDim: wide ? 4 : 3, heads: 2, layers: 2, blockSize: kind === 'mlp' || wide ? 4 : 1 });
      const model = createModel(config, new Generator());
      expect(Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, t.shape])), kind).toEqual(stateShapes(config));
    }
  });

  it('save and restore a generator mid-stream', () => {
    const g = new Generator().manualSeed(2147483647);
    randn([5], { generator: g });
    const saved = JSON.parse(JSON.stringify(saveGenerator(g)));
    const expected = randn([7], { generator: g }).toArraySync();
    expect(randn([7], { generator: restoreGenerator(new Generator(), saved) }).toArraySync()).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { Generator, tensor } from '@typegrad/tensor';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointInfo } from './checkpoint.js';
import { readMeta } from './meta.js';

const info = (users: number, items: number): Omit<CheckpointInfo, 'weights'> & { weights: string } => ({
  ids: { users: Array.from({ length: users }, (_, i) => `u${i}`), items: Array.from({ length: items }, (_, i) => `i${i}`) },
  data: { source: 'ratings.csv', ratings: 10, scale: [1, 5], split: { kind: 'random', testFraction: 0.2, seed: 42 } },
  training: { epochs: 1, batchSize: 4, lr: 0.01, reg: 0.1, seed: 1, seconds: 0.5, epochsDone: 1 },
  metrics: [],
  weights: 'mf.0123456789abcdef.safetensors',
});

describe('checkpoints', () => {
  for (const kind of ['mf', 'nn', 'bpr'] as const) {
    it(`${kind}: the model and its settings come back, predicting the same`, async () => {
      const model = createModel(modelConfig(kind, { numUsers: 3, numItems: 4, mean: 3.2, scale: [1, 5], hidden: [6] }), new Generator().manualSeed(9));
      const { weights, json } = await encodeCheckpoint(model, info(3, 4), '0123456789abcdef');
      const back = decodeCheckpoint(weights, json, 'runs/x');
      expect(back.meta.config).toEqual(model.config);
      expect(back.meta.ids.items).toEqual(['i0', 'i1', 'i2', 'i3']);
      const users = tensor([0, 2], { dtype: 'int32' });
      const items = tensor([3, 1], { dtype: 'int32' });
      expect(Array.from(back.model.forward(users, items).dataSync())).toEqual(Array.from(model.eval().forward(users, items).dataSync()));
    });
  }

  it('refuses weights from another save, and settings the weights do not fit', async () => {
    const model = createModel(modelConfig('mf', { numUsers: 3, numItems: 4, mean: 3, scale: [1, 5] }));
    const a = await encodeCheckpoint(model, info(3, 4), '0123456789abcdef');
    const b = await encodeCheckpoint(model, info(3, 4), 'fedcba9876543210');
    expect(() => decodeCheckpoint(a.weights, b.json, 'runs/mf')).toThrow('runs/mf: the weights (0123456789abcdef) and the JSON (fedcba9876543210) come from different saves');
    const bigger = JSON.parse(a.json);
    bigger.config.factors = 8;
    expect(() => decodeCheckpoint(a.weights, JSON.stringify(bigger), 'runs/mf')).toThrow("runs/mf: the settings describe 'userFactors.weight' as [3, 8], but the weights hold [3, 50]");
  });

  it('names the field of a damaged JSON', async () => {
    const { json } = await encodeCheckpoint(createModel(modelConfig('mf', { numUsers: 3, numItems: 4, mean: 3, scale: [1, 5] })), info(3, 4), '0123456789abcdef');
    const damaged = (change: (m: Record<string, any>) => void) => {
      const m = JSON.parse(json);
      change(m);
      return () => readMeta(JSON.stringify(m), 'runs/mf.json');
    };
    expect(() => readMeta('{', 'runs/mf.json')).toThrow('runs/mf.json: not valid JSON');
    expect(damaged((m) => (m.format = 'typegrad-makemore'))).toThrow("runs/mf.json: not a recommender checkpoint (format is \"typegrad-makemore\", expected 'typegrad-recommender')");
    expect(damaged((m) => delete m.config.factors)).toThrow("runs/mf.json: 'config.factors' is missing; expected a positive integer");
    expect(damaged((m) => m.ids.users.pop())).toThrow('runs/mf.json: ids hold 2 users and 4 items, but the model has 3 and 4');
    expect(damaged((m) => (m.weights = '../elsewhere.safetensors'))).toThrow("runs/mf.json: 'weights' is \"../elsewhere.safetensors\"; expected the name of a .safetensors file beside the JSON");
    expect(damaged((m) => (m.data.split.kind = 'daily'))).toThrow("runs/mf.json: 'data.split.kind' is \"daily\"; expected random, temporal, kfold");
  });
});

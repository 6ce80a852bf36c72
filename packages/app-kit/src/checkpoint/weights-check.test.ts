import { describe, expect, it } from 'vitest';
import { checkSameSave, checkSavedTensors } from './weights-check.js';

const tensors = { 'emb.weight': { shape: [27, 10] }, 'fc.weight': { shape: [5, 30] }, 'optimizer.0.exp_avg': { shape: [27, 10] } };

describe("a checkpoint's weights against its JSON", () => {
  it('accepts the same save id and refuses another, naming both', () => {
    expect(() => checkSameSave('runs/mlp', 'aa', 'aa')).not.toThrow();
    expect(() => checkSameSave('runs/mlp', 'aa', 'bb')).toThrow('runs/mlp: the weights (aa) and the JSON (bb) come from different saves; a save was interrupted or the files were mixed');
    expect(() => checkSameSave('runs/x', undefined, 'bb', 'the manifest')).toThrow('runs/x: the weights (no id) and the manifest (bb) come from different saves');
  });

  it('names the first tensor whose shape differs or is missing, and tensors the model does not have', () => {
    const opts = { model: 'the mlp model', alsoAllowed: (k: string) => k.startsWith('optimizer.') };
    expect(() => checkSavedTensors('r', tensors, { 'emb.weight': [27, 10], 'fc.weight': [5, 30] }, opts)).not.toThrow();
    expect(() => checkSavedTensors('r', tensors, { 'emb.weight': [27, 10], 'fc.weight': [1e7, 30] }, { ...opts, describedBy: 'the config describes' })).toThrow(
      "r: the config describes 'fc.weight' as [10000000, 30], but the weights hold [5, 30]",
    );
    expect(() => checkSavedTensors('r', tensors, { 'emb.weight': [27, 10], 'fc.weight': [5, 30], 'fc.bias': [5] }, opts)).toThrow(
      "r: the settings describe 'fc.bias' as [5], but the weights have no such tensor",
    );
    expect(() => checkSavedTensors('r', tensors, { 'emb.weight': [27, 10] }, { model: 'the bigram model' })).toThrow(
      'r: the weights hold tensors the bigram model does not have: fc.weight, optimizer.0.exp_avg',
    );
  });
});

import { Generator } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { ArrayDataset } from './dataset.js';
import { fixtures } from './fixtures.js';
import { randomSplit, splitLengths } from './random-split.js';

const range = (n: number) => new ArrayDataset(Array.from({ length: n }, (_, i) => i));

describe('randomSplit', () => {
  it('gives the subsets torch.utils.data.random_split gives for the same seed', () => {
    const parts = randomSplit(range(10), [7, 3], { generator: new Generator().manualSeed(42) });
    expect(parts.map((p) => p.indices)).toEqual(fixtures.torch_random_split_7_3);
    expect(parts[1].get(0)).toBe(fixtures.torch_random_split_7_3[1][0]);
  });

  it('takes fractions and spreads the remainder as PyTorch 1.13', () => {
    expect(splitLengths(25, [0.8, 0.1, 0.1])).toEqual([21, 2, 2]);
    const parts = randomSplit(range(25), [0.8, 0.1, 0.1], { generator: new Generator().manualSeed(0) });
    expect(parts.map((p) => p.indices)).toEqual(fixtures.torch_random_split_fractions_25);
  });

  it('says what is wrong with the lengths', () => {
    expect(() => randomSplit(range(10), [5, 4])).toThrow('sum of input lengths (9) does not equal the length of the input dataset (10)');
    expect(() => randomSplit(range(10), [0.5, 0.6])).toThrow(/non-negative integers or fractions|sum/);
  });
});

import { describe, expect, it } from 'vitest';
import { Generator, multinomial, topkIndices } from './index.js';

const seeded = (s: number): Generator => new Generator().manualSeed(s);

describe('multinomial', () => {
  it('samples with replacement by binary search on the cumulative sum', () => {
    const p = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    const g = seeded(1);
    const got = multinomial(seeded(1), p, 1, 4, 50, true);
    const cum = [0.1, 0.1 + 0.2, 0.1 + 0.2 + 0.3, 1].map((c) => c / (0.1 + 0.2 + 0.3 + 0.4));
    cum[3] = 1;
    expect(Array.from(got)).toEqual(
      Array.from({ length: 50 }, () => {
        const u = g.uniformDouble();
        return cum.findIndex((c) => !(c < u));
      }),
    );
  });

  it('uses the replacement kernel for one sample with replacement', () => {
    // One 64-bit draw per row, not one exponential per category.
    const g = seeded(2);
    multinomial(g, new Float32Array([1, 2, 3, 4, 5]), 1, 5, 1, true);
    const h = seeded(2);
    h.random64();
    expect(g.random()).toBe(h.random());
  });

  it('without replacement returns distinct indices and skips zero probabilities', () => {
    const p = new Float32Array([0, 0.3, 0, 0.2, 0.5, 0, 0.1, 0]);
    for (let s = 0; s < 50; s++) {
      const got = Array.from(multinomial(seeded(s), p, 1, 8, 4, false));
      expect(new Set(got).size).toBe(4);
      expect(got.sort()).toEqual([1, 3, 4, 6]);
    }
  });

  it('without replacement draws one exponential per element for the whole input first', () => {
    const g = seeded(3);
    multinomial(g, new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3, 2, false);
    const h = seeded(3);
    for (let i = 0; i < 6; i++) h.random64();
    expect(g.random()).toBe(h.random());
  });

  it('handles 2-D input row by row', () => {
    const p = new Float64Array([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(Array.from(multinomial(seeded(4), p, 3, 3, 5, true))).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    expect(Array.from(multinomial(seeded(4), p, 3, 3, 1, false))).toEqual([0, 2, 1]);
  });

  it('matches the sampling frequencies', () => {
    const p = new Float32Array([0.2, 0.5, 0.3]);
    const counts = [0, 0, 0];
    for (const i of multinomial(seeded(5), p, 1, 3, 20000, true)) counts[i]++;
    expect(counts[0] / 20000).toBeCloseTo(0.2, 1);
    expect(counts[1] / 20000).toBeCloseTo(0.5, 1);
  });

  it('rejects invalid probabilities with PyTorch-style messages', () => {
    const g = seeded(0);
    for (const replacement of [true, false]) {
      expect(() => multinomial(g, new Float32Array([1, -1]), 1, 2, 1, replacement)).toThrow(/^multinomial: .*expected .*probabilities >= 0, but got -1 at row 0, column 1/);
      expect(() => multinomial(g, new Float32Array([1, Infinity]), 1, 2, 1, replacement)).toThrow(/^multinomial: .*(infinity|inf).*got Infinity/);
      expect(() => multinomial(g, new Float32Array([Number.NaN, 1]), 1, 2, 1, replacement)).toThrow(/^multinomial: .*got NaN at row 0, column 0/);
      expect(() => multinomial(g, new Float32Array([1, 1, 0, 0]), 2, 2, 1, replacement)).toThrow(
        /^multinomial: invalid multinomial distribution \(sum of probabilities <= 0\): expected a positive sum, but row 1/,
      );
    }
    expect(() => multinomial(g, new Float32Array([1, 2]), 1, 2, 3, false)).toThrow(
      'multinomial: cannot sample numSamples > categories without replacement (got numSamples=3, categories=2)',
    );
    expect(() => multinomial(g, new Float32Array([1, 2]), 1, 2, 0, true)).toThrow('multinomial: cannot sample numSamples <= 0 samples (got 0)');
    expect(() => multinomial(g, new Float32Array([1, 2, 3]), 1, 2, 1, true)).toThrow(
      'multinomial: expected probs to have rows * categories = 2 elements, but got 3',
    );
  });

  it('with replacement, a bad later row throws after earlier rows drew (as in PyTorch)', () => {
    const g = seeded(6);
    expect(() => multinomial(g, new Float64Array([1, 1, -1, 1]), 2, 2, 3, true)).toThrow(/row 1, column 0/);
    const h = seeded(6);
    for (let i = 0; i < 3; i++) h.random64();
    expect(g.random()).toBe(h.random());
    // Without replacement nothing is drawn before validation fails.
    const k = seeded(6);
    expect(() => multinomial(k, new Float64Array([1, 1, -1, 1]), 2, 2, 1, false)).toThrow(/inf, nan or element < 0/);
    expect(k.random()).toBe(seeded(6).random());
  });
});

describe('topkIndices', () => {
  const topk = (values: number[], k: number): number[] => {
    const out = new Int32Array(k);
    topkIndices(Float64Array.from(values), 0, values.length, k, out, 0);
    return Array.from(out);
  };

  it('orders distinct values descending, NaN first', () => {
    expect(topk([0.1, 0.7, 0.3, 0.5], 3)).toEqual([1, 3, 2]);
    expect(topk([0.1, Number.NaN, 0.3], 2)).toEqual([1, 2]);
  });

  it('orders ties like PyTorch 1.13 CPU topk (libstdc++ nth_element/sort/partial_sort)', () => {
    // Recorded from torch.topk(x, k).indices.
    const x = [0, 3, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(topk(x, 3)).toEqual([1, 4, 8]);
    expect(topk(x, 5)).toEqual([1, 4, 8, 15, 13]);
    expect(topk(x, 8)).toEqual([1, 4, 8, 13, 20, 14, 15, 18]);
    expect(topk(x, 15)).toEqual([1, 4, 8, 20, 0, 19, 18, 17, 16, 15, 14, 13, 3, 6, 5]);
    expect(topk(x, 21)).toEqual([1, 4, 8, 12, 20, 11, 10, 6, 5, 3, 2, 7, 13, 14, 15, 16, 17, 18, 19, 0, 9]);
    const wide = new Array(200).fill(0);
    wide[7] = 1;
    expect(topk(wide, 2)).toEqual([7, 0]);
    expect(topk(wide, 3)).toEqual([7, 1, 0]);
    expect(topk(wide, 4)).toEqual([7, 133, 134, 132]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  Generator,
  bernoulliFill,
  dropoutMask,
  exponentialFill,
  normalFill,
  randintFill,
  randperm,
  uniformFill,
} from './index.js';

const seeded = (s: number): Generator => new Generator().manualSeed(s);

describe('uniformFill', () => {
  it('is the raw 24/53-bit uniform for [0, 1)', () => {
    const a = uniformFill(seeded(1), new Float32Array(50));
    const g = seeded(1);
    expect(Array.from(a)).toEqual(Array.from({ length: 50 }, () => g.uniformFloat()));
    const b = uniformFill(seeded(1), new Float64Array(50));
    const h = seeded(1);
    expect(Array.from(b)).toEqual(Array.from({ length: 50 }, () => h.uniformDouble()));
  });

  it('stays inside [from, to)', () => {
    for (const out of [new Float32Array(2000), new Float64Array(2000)]) {
      uniformFill(seeded(2), out, -3, 5);
      for (const v of out) {
        expect(v).toBeGreaterThanOrEqual(-3);
        expect(v).toBeLessThan(5);
      }
    }
  });

  it('validates the range', () => {
    expect(() => uniformFill(seeded(0), new Float32Array(1), 2, 1)).toThrow(
      'uniformFill: expected from <= to (samples lie in [from, to)), but got from=2 > to=1',
    );
    expect(() => uniformFill(seeded(0), new Float32Array(1), -Infinity, 1)).toThrow(/uniformFill: expected finite from and to/);
    expect(() => uniformFill(seeded(0), new Float32Array(1), -3e38, 3e38)).toThrow(/uniformFill: expected to - from to fit/);
  });
});

describe('normalFill', () => {
  it('shares the cached Box-Muller sample between small calls', () => {
    const two = normalFill(seeded(4), new Float64Array(2));
    const g = seeded(4);
    const a = normalFill(g, new Float64Array(1));
    expect(g.nextDoubleNormalSample).not.toBeNull();
    const b = normalFill(g, new Float64Array(1));
    expect([a[0], b[0]]).toEqual(Array.from(two));
  });

  it('does not touch the cache for 16 or more elements', () => {
    const g = seeded(5);
    normalFill(g, new Float64Array(3)); // leaves a cached sample
    const cached = g.nextDoubleNormalSample;
    normalFill(g, new Float32Array(16));
    normalFill(g, new Float64Array(40));
    expect(g.nextDoubleNormalSample).toBe(cached);
  });

  it('draws n uniforms, plus 16 more when n % 16 != 0', () => {
    const consumed = (n: number, f32: boolean): number => {
      const g = seeded(6);
      normalFill(g, f32 ? new Float32Array(n) : new Float64Array(n));
      const next = g.random();
      const h = seeded(6);
      let k = 0;
      while (h.random() !== next) k++;
      return k;
    };
    expect(consumed(16, true)).toBe(16);
    expect(consumed(17, true)).toBe(33);
    expect(consumed(32, true)).toBe(32);
    expect(consumed(16, false)).toBe(32);
    expect(consumed(17, false)).toBe(66);
    expect(consumed(5, false)).toBe(12); // 3 Box-Muller pairs of 64-bit draws
  });

  it('applies mean and std', () => {
    const base = normalFill(seeded(7), new Float64Array(64));
    const scaled = normalFill(seeded(7), new Float64Array(64), 10, 3);
    base.forEach((z, i) => expect(scaled[i]).toBeCloseTo(10 + 3 * z, 12));
    const f = normalFill(seeded(8), new Float32Array(1000), -2, 0.5);
    const mean = f.reduce((s, v) => s + v, 0) / f.length;
    expect(mean).toBeGreaterThan(-2.1);
    expect(mean).toBeLessThan(-1.9);
  });

  it('validates std', () => {
    expect(() => normalFill(seeded(0), new Float32Array(1), 0, -1)).toThrow('normalFill: expected std >= 0, but got std=-1');
    expect(() => normalFill(seeded(0), new Float32Array(1), 0, Number.NaN)).toThrow(/normalFill: expected std >= 0/);
  });
});

describe('randintFill', () => {
  it('is random() % range + low', () => {
    const g = seeded(9);
    const out = randintFill(seeded(9), new Int32Array(100), -7, 13);
    expect(Array.from(out)).toEqual(Array.from({ length: 100 }, () => (g.random() % 20) - 7));
  });

  it('uses 64-bit draws for ranges of 2^32 or more', () => {
    const g = seeded(10);
    const out = randintFill(seeded(10), new Float64Array(10), 0, 2 ** 40);
    expect(Array.from(out)).toEqual(Array.from({ length: 10 }, () => Number(g.random64() % 2n ** 40n)));
  });

  it('validates bounds', () => {
    expect(() => randintFill(seeded(0), new Int32Array(1), 5, 5)).toThrow(
      'randintFill: expected low < high (samples lie in [low, high)), but got low=5 >= high=5',
    );
    expect(() => randintFill(seeded(0), new Int32Array(1), 0, 2 ** 31 + 1)).toThrow(/randintFill: expected low and high - 1 to be in the int32 range/);
    expect(() => randintFill(seeded(0), new Float64Array(1), 0.5, 3)).toThrow(/randintFill: expected low and high to be safe integers/);
  });
});

describe('randperm', () => {
  it('returns permutations', () => {
    for (const n of [0, 1, 2, 7, 100]) {
      const p = randperm(seeded(n), n);
      expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('draws n - 1 values', () => {
    const g = seeded(12);
    randperm(g, 10);
    const h = seeded(12);
    for (let i = 0; i < 9; i++) h.random();
    expect(g.random()).toBe(h.random());
  });

  it('validates n', () => {
    expect(() => randperm(seeded(0), -1)).toThrow('randperm: expected n to be an integer in [0, 2^31 - 1], but got n=-1');
  });
});

describe('bernoulliFill / dropoutMask / exponentialFill', () => {
  it('handles p = 0 and p = 1 exactly', () => {
    expect(Array.from(bernoulliFill(seeded(1), new Uint8Array(20), 0))).toEqual(new Array(20).fill(0));
    expect(Array.from(bernoulliFill(seeded(1), new Int32Array(20), 1))).toEqual(new Array(20).fill(1));
  });

  it('compares 24-bit floats for float32 p and 53-bit doubles otherwise', () => {
    const p = Float32Array.from({ length: 30 }, (_, i) => i / 30);
    const g = seeded(13);
    const out = bernoulliFill(seeded(13), new Float32Array(30), p);
    expect(Array.from(out)).toEqual(Array.from(p, (pi) => (g.uniformFloat() < pi ? 1 : 0)));
    const h = seeded(13);
    const out64 = bernoulliFill(seeded(13), new Float32Array(30), Float64Array.from(p));
    expect(Array.from(out64)).toEqual(Array.from(p, (pi) => (h.uniformDouble() < pi ? 1 : 0)));
  });

  it('broadcasts a single probability', () => {
    const a = bernoulliFill(seeded(14), new Float64Array(10), new Float64Array([0.4]));
    const b = bernoulliFill(seeded(14), new Float64Array(10), 0.4);
    expect(a).toEqual(b);
  });

  it('validates probabilities', () => {
    expect(() => bernoulliFill(seeded(0), new Float32Array(2), 1.5)).toThrow('bernoulliFill: expected p to be in [0, 1], but got p=1.5');
    expect(() => bernoulliFill(seeded(0), new Float32Array(2), new Float32Array([0.5, -1]))).toThrow(
      'bernoulliFill: expected every probability to be in [0, 1], but got p[1]=-1',
    );
    expect(() => bernoulliFill(seeded(0), new Float32Array(3), new Float32Array(2))).toThrow(/expected p to have 3 elements \(or 1\)/);
  });

  it('dropout keeps with probability 1 - p and draws nothing for p in {0, 1}', () => {
    const g = seeded(15);
    const mask = dropoutMask(g, new Float32Array(10000), 0.2);
    const kept = mask.reduce((s, v) => s + v, 0);
    expect(kept).toBeGreaterThan(7700);
    expect(kept).toBeLessThan(8300);
    const h = seeded(16);
    const before = h.getState();
    expect(Array.from(dropoutMask(h, new Float32Array(3), 0))).toEqual([1, 1, 1]);
    expect(Array.from(dropoutMask(h, new Float32Array(3), 1))).toEqual([0, 0, 0]);
    expect(h.getState()).toEqual(before);
    expect(() => dropoutMask(h, new Float32Array(1), 1.5)).toThrow(
      'dropoutMask: expected dropout probability p to be between 0 and 1, but got p=1.5',
    );
  });

  it('exponential samples are positive with mean 1 / lambd', () => {
    const out = exponentialFill(seeded(17), new Float64Array(20000), 4);
    const mean = out.reduce((s, v) => s + v, 0) / out.length;
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(mean).toBeGreaterThan(0.24);
    expect(mean).toBeLessThan(0.26);
    expect(() => exponentialFill(seeded(0), new Float64Array(1), -1)).toThrow('exponentialFill: expected lambd >= 0, but got lambd=-1');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, Generator, MT19937, defaultGenerator, manualSeed, normalFill, normalizeSeed } from './index.js';

const draws = (g: Generator, n: number): number[] => Array.from({ length: n }, () => g.random());

describe('MT19937', () => {
  it('matches the reference MT19937 outputs', () => {
    // First output for seed 5489 and the 10000th (the C++ standard's check value).
    const mt = new MT19937(5489);
    expect(mt.nextUint32()).toBe(3499211612);
    let x = 0;
    for (let i = 1; i < 10000; i++) x = mt.nextUint32();
    expect(x).toBe(4123659995);
    expect(new MT19937(0).nextUint32()).toBe(2357136044);
  });

  it('seeds the twister from the low 32 bits but keeps the full seed', () => {
    const a = new MT19937(5);
    const b = new MT19937(2n ** 32n + 5n);
    expect(b.seed).toBe(2n ** 32n + 5n);
    for (let i = 0; i < 1000; i++) expect(b.nextUint32()).toBe(a.nextUint32());
  });

  it('normalises seeds like torch.Generator.manual_seed', () => {
    expect(normalizeSeed(-1)).toBe(2n ** 64n - 1n);
    expect(normalizeSeed(-(2n ** 63n))).toBe(2n ** 63n);
    expect(normalizeSeed(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(normalizeSeed(2 ** 53)).toBe(2n ** 53n);
    expect(() => normalizeSeed(2n ** 64n)).toThrow(/manualSeed: expected a seed in \[-2\^63, 2\^64 - 1\]/);
    expect(() => normalizeSeed(-(2n ** 63n) - 1n)).toThrow(/manualSeed/);
    expect(() => normalizeSeed(1.5)).toThrow(/manualSeed: expected an integer seed, got 1.5/);
    expect(() => normalizeSeed(Number.NaN)).toThrow(/integer/);
  });
});

describe('Generator', () => {
  it('gives the same stream for the same seed, number or bigint', () => {
    const a = new Generator().manualSeed(2147483647);
    const b = new Generator(2147483647n);
    expect(draws(a, 2000)).toEqual(draws(b, 2000));
    expect(draws(new Generator().manualSeed(1), 5)).not.toEqual(draws(new Generator().manualSeed(2), 5));
  });

  it('re-seeding restarts the stream and clears the cached normal', () => {
    const g = new Generator().manualSeed(3);
    const first = draws(g, 10);
    g.normalDouble();
    expect(g.nextDoubleNormalSample).not.toBeNull();
    g.manualSeed(3);
    expect(g.nextDoubleNormalSample).toBeNull();
    expect(draws(g, 10)).toEqual(first);
  });

  it('uses PyTorch default seed 67280421310721', () => {
    expect(DEFAULT_SEED).toBe(67280421310721n);
    expect(new Generator().initialSeed()).toBe(67280421310721n);
    expect(draws(new Generator(), 4)).toEqual(draws(new Generator(67280421310721n & 0xffffffffn), 4));
  });

  it('reports the unsigned 64-bit initial seed', () => {
    expect(new Generator().manualSeed(-1).initialSeed()).toBe(18446744073709551615n);
    expect(new Generator().manualSeed(42).initialSeed()).toBe(42n);
  });

  it('composes random64 from two draws, high half first', () => {
    const a = new Generator().manualSeed(9);
    const b = new Generator().manualSeed(9);
    const hi = BigInt(b.random());
    const lo = BigInt(b.random());
    expect(a.random64()).toBe((hi << 32n) | lo);
    expect(new Generator().manualSeed(0).random64()).toBe(10123822223749065263n);
  });

  it('draws uniform floats with 24 bits and doubles with 53 bits', () => {
    const g = new Generator().manualSeed(11);
    for (let i = 0; i < 1000; i++) {
      const f = g.uniformFloat();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      expect(Math.fround(f)).toBe(f);
      expect(Number.isInteger(f * 2 ** 24)).toBe(true);
      const d = g.uniformDouble();
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
      expect(Number.isInteger(d * 2 ** 53)).toBe(true);
    }
    const a = new Generator().manualSeed(5);
    const b = new Generator().manualSeed(5);
    const hi = b.random();
    const lo = b.random();
    expect(a.uniformDouble()).toBe(((hi & 0x1fffff) * 2 ** 32 + lo) / 2 ** 53);
  });

  it('round-trips getState/setState, including the cached normal samples', () => {
    const g = new Generator().manualSeed(2024);
    draws(g, 700); // crosses a twist boundary
    g.normalDouble(); // leaves a cached sine sample
    g.nextFloatNormalSample = 0.1;
    const snap = g.getState();
    expect(snap.nextDoubleNormal).not.toBeNull();
    expect(snap.nextFloatNormal).toBe(Math.fround(0.1));
    const after = [g.normalDouble(), g.normalDouble(), ...draws(g, 1000)];
    expect(g.getState().words).not.toEqual(snap.words);
    g.setState(snap);
    expect([g.normalDouble(), g.normalDouble(), ...draws(g, 1000)]).toEqual(after);
    expect(g.nextFloatNormalSample).toBe(Math.fround(0.1));
    // A fresh generator adopting the state continues identically too.
    const h = new Generator().setState(structuredClone(snap));
    expect(h.initialSeed()).toBe(2024n);
    expect([h.normalDouble(), h.normalDouble(), ...draws(h, 1000)]).toEqual(after);
  });

  it('snapshots are independent copies', () => {
    const g = new Generator().manualSeed(1);
    const snap = g.getState();
    draws(g, 10);
    const again = g.getState();
    expect(snap.index).toBe(624);
    expect(again.index).toBe(10);
    (snap.words as Uint32Array)[0] ^= 1;
    g.setState(again);
    expect(g.getState().words).toEqual(again.words);
  });

  it('clone() continues the same stream independently', () => {
    const g = new Generator().manualSeed(77);
    draws(g, 3);
    const h = g.clone();
    expect(draws(h, 20)).toEqual(draws(g, 20));
  });

  it('rejects malformed states', () => {
    const g = new Generator();
    const s = g.getState();
    expect(() => g.setState({ ...s, words: new Uint32Array(3) })).toThrow(/setState: expected words to be a Uint32Array of length 624/);
    expect(() => g.setState({ ...s, index: 625 })).toThrow(/setState: expected index in \[0, 624\]/);
  });

  it('seed() reseeds nondeterministically and reports the new seed', () => {
    const g = new Generator();
    const s1 = g.seed();
    expect(typeof s1).toBe('bigint');
    expect(s1).toBeLessThan(2n ** 64n);
    expect(g.initialSeed()).toBe(s1);
    const stream = draws(g, 5);
    expect(draws(new Generator(s1), 5)).toEqual(stream);
    expect(new Generator().seed()).not.toBe(new Generator().seed());
  });

  it('normalDouble caches the sine half and applies mean/std', () => {
    const a = new Generator().manualSeed(8);
    const b = new Generator().manualSeed(8);
    const z0 = a.normalDouble();
    const z1 = a.normalDouble();
    expect(a.nextDoubleNormalSample).toBeNull();
    expect(b.normalDouble(1, 2)).toBeCloseTo(1 + 2 * z0, 14);
    expect(b.normalDouble(1, 2)).toBeCloseTo(1 + 2 * z1, 14);
    // Exactly two 64-bit draws per pair of samples.
    const c = new Generator().manualSeed(8);
    for (let i = 0; i < 2; i++) c.random64();
    expect(c.random()).toBe(a.random());
  });
});

describe('defaultGenerator / manualSeed', () => {
  it('seeds and returns the shared default generator', () => {
    const g = manualSeed(2147483647);
    expect(g).toBe(defaultGenerator);
    expect(g.initialSeed()).toBe(2147483647n);
    const a = normalFill(defaultGenerator, new Float32Array(5));
    manualSeed(2147483647);
    expect(normalFill(defaultGenerator, new Float32Array(5))).toEqual(a);
  });
});

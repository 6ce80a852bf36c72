import { describe, expect, it } from 'vitest';
import { fixtures } from './fixtures.js';
import { PythonRandom } from './python-random.js';

describe('PythonRandom', () => {
  it('gives random.random() after random.seed(42)', () => {
    const rng = new PythonRandom(42);
    expect(fixtures.py_random_42.map(() => rng.random())).toEqual(fixtures.py_random_42);
  });

  it('gives getrandbits(32) for small, large and negative seeds', () => {
    const draw = (seed: number | bigint, n: number) => {
      const rng = new PythonRandom(seed);
      return Array.from({ length: n }, () => rng.getrandbits(32));
    };
    expect(draw(42, 5)).toEqual(fixtures.py_getrandbits32_42);
    expect(draw(2n ** 40n + 5n, 3)).toEqual(fixtures.py_getrandbits32_big);
    expect(draw(2 ** 40 + 5, 3)).toEqual(fixtures.py_getrandbits32_big);
    expect(draw(-7, 3)).toEqual(fixtures.py_getrandbits32_neg7);
  });

  it('gives _randbelow(n) with rejection', () => {
    const rng = new PythonRandom(0);
    const ns = [1, 2, 3, 10, 1000, 2 ** 31 - 1, 2 ** 31 + 1];
    expect(ns.map((n) => rng.randbelow(n))).toEqual(fixtures.py_randbelow_0);
  });

  it('shuffles as random.shuffle', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    expect(new PythonRandom(42).shuffle(xs)).toEqual(fixtures.py_shuffle_42_range20);
  });

  it('reseeds to the same stream', () => {
    const rng = new PythonRandom(1);
    rng.random();
    expect(rng.seed(42).random()).toBe(fixtures.py_random_42[0]);
  });

  it('rejects seeds and bounds it cannot reproduce', () => {
    expect(() => new PythonRandom(0.5)).toThrow(/integer/);
    expect(() => new PythonRandom(1).randbelow(0)).toThrow(/\[1, 2\^32\)/);
    expect(() => new PythonRandom(1).getrandbits(33)).toThrow(/\[1, 32\]/);
  });
});

import { describe, expect, it } from 'vitest';
import { Generator, avx2Log, avx2SinCos, fma32, fma64, sincosOut } from './index.js';

/** Splits a finite nonzero double into an integer significand and exponent. */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp !== 0) mant |= 1n << 52n;
  const sign = bits >> 63n ? -1n : 1n;
  return [sign * mant, (exp === 0 ? 1 : exp) - 1075];
}

/** Rounds n * 2^e to `bits` significant bits, ties to even (normal range only). */
function roundExact(n: bigint, e: number, bits: number): number {
  if (n === 0n) return 0;
  const neg = n < 0n;
  let m = neg ? -n : n;
  const shift = m.toString(2).length - bits;
  if (shift > 0) {
    const s = BigInt(shift);
    const q = m >> s;
    const rem = m - (q << s);
    const half = 1n << (s - 1n);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += shift;
  }
  const v = Number(m) * 2 ** e; // m has <= bits + 1 bits: exact
  return neg ? -v : v;
}

/** Exact a * b + c rounded once to `bits` bits. */
function fmaRef(a: number, b: number, c: number, bits: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const e = Math.min(ea + eb, ec);
  const n = ((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e));
  return roundExact(n, e, bits);
}

describe('fma64 / fma32', () => {
  const g = new Generator().manualSeed(99);
  const randomDouble = (spread: number): number => (g.uniformDouble() - 0.5) * 2 ** Math.floor((g.uniformDouble() - 0.5) * spread);

  it('fma64 rounds once, on random and cancelling inputs', () => {
    for (let i = 0; i < 20000; i++) {
      const a = randomDouble(60);
      const b = randomDouble(60);
      // Mix unrelated addends with near-cancelling ones, where rounding twice hurts most.
      const c = i % 3 === 0 ? randomDouble(120) : -(a * b) * (1 + (g.uniformDouble() - 0.5) * 2 ** -40);
      if (a === 0 || b === 0 || c === 0) continue;
      expect(fma64(a, b, c)).toBe(fmaRef(a, b, c, 53));
    }
  });

  it('fma64 handles exact midpoints between doubles', () => {
    // 1 + 2^-53 is the midpoint between 1 and its successor; the tail decides.
    const a = 1 + 2 ** -52;
    expect(fma64(a, a, -(2 ** -52))).toBe(fmaRef(a, a, -(2 ** -52), 53));
    expect(fma64(0.1, 10, -1)).toBe(fmaRef(0.1, 10, -1, 53));
    expect(fma64(0.1, 10, -1)).not.toBe(0.1 * 10 - 1);
    expect(fma64(3, 0, 5)).toBe(5);
    expect(fma64(Infinity, 1, 1)).toBe(Infinity);
  });

  it('fma32 rounds once to float32', () => {
    for (let i = 0; i < 20000; i++) {
      const a = Math.fround(randomDouble(30));
      const b = Math.fround(randomDouble(30));
      const c = Math.fround(i % 2 ? randomDouble(60) : -(a * b) * (1 + (g.uniformDouble() - 0.5) * 2 ** -20));
      if (a === 0 || b === 0 || c === 0) continue;
      expect(fma32(a, b, c)).toBe(fmaRef(a, b, c, 24));
    }
  });

  it('fma32 resolves double sums that land exactly on a float32 midpoint', () => {
    // a * b = 2^-24 + 2^-60: the double sum is the midpoint 1 + 2^-24, the tail rounds up.
    const up = [4097 / 4096, 16773121 * 2 ** -48, 1];
    // a * b = 2^-24 - 2^-60 onto an odd float32: ties-to-even would round up, the tail says down.
    const down = [(2 ** 18 + 1) / 2 ** 18, (2 ** 18 - 1) * 2 ** -42, 1 + 2 ** -23];
    expect(fma32(up[0], up[1], up[2])).toBe(1 + 2 ** -23);
    expect(fma32(-up[0], up[1], -up[2])).toBe(-(1 + 2 ** -23));
    expect(fma32(down[0], down[1], down[2])).toBe(1 + 2 ** -23);
    for (const [a, b, c] of [up, down]) expect(fma32(a, b, c)).toBe(fmaRef(a, b, c, 24));
  });
});

describe('AVX2 float32 log / sincos lanes', () => {
  it('stay within a few float32 ulps of the true functions', () => {
    const g = new Generator().manualSeed(1);
    for (let i = 0; i < 5000; i++) {
      const u = Math.fround(1 - g.uniformFloat());
      const l = avx2Log(u);
      expect(Math.abs(l - Math.log(u))).toBeLessThanOrEqual(4 * 2 ** -24 * Math.max(Math.abs(Math.log(u)), 2 ** -20));
      const t = Math.fround(2 * Math.PI * g.uniformFloat());
      avx2SinCos(t);
      expect(Math.abs(sincosOut.sin - Math.sin(t))).toBeLessThan(2 ** -22);
      expect(Math.abs(sincosOut.cos - Math.cos(t))).toBeLessThan(2 ** -22);
    }
  });

  it('give NaN for non-positive log arguments and handle signs', () => {
    expect(avx2Log(0)).toBeNaN();
    expect(avx2Log(-1)).toBeNaN();
    expect(avx2Log(1)).toBe(0);
    avx2SinCos(Math.fround(-1));
    expect(sincosOut.sin).toBeCloseTo(-Math.sin(1), 6);
    expect(sincosOut.cos).toBeCloseTo(Math.cos(1), 6);
  });
});

/**
 * Fill typed arrays with the exact values PyTorch 1.13's CPU kernels produce
 * for the same {@link Generator} state (x86-64 build with AVX2 kernels).
 *
 * Precision notes: float32 and float64 draw different bit counts (24 bits from
 * one 32-bit output vs 53 bits from two), so the dtype of `out` matters.
 * Expressions PyTorch's compiler fused into FMAs are computed with exact FMA
 * emulation. The float64 normal and exponential paths call glibc's
 * log/sin/cos in PyTorch and `Math.log`/`Math.sin`/`Math.cos` here: about
 * 94% of float64 values come out identical, the rest differ by an ulp or
 * two. Float32 results (rounded from those doubles, or computed with the
 * reproduced AVX2 polynomials) are identical.
 *
 * @module
 */
import { avx2Log, avx2SinCos, fma32, fma64, sincosOut } from './floatmath.js';
import type { Generator } from './generator.js';

export { multinomial } from './multinomial.js';

/**
 * Float typed arrays the float kernels fill; the array type selects the dtype.
 *
 * @example
 * ```ts
 * const out: FloatArray = new Float32Array(4); // behaves like a torch.float32 tensor
 * ```
 */
export type FloatArray = Float32Array | Float64Array;
/**
 * Typed arrays that can hold 0/1 masks.
 *
 * @example
 * ```ts
 * const mask: MaskArray = new Uint8Array(8);
 * ```
 */
export type MaskArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const fr = Math.fround;
const F32_MAX = 3.4028234663852886e38;
const TWO_PI_F32 = fr(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/**
 * Fills `out` with uniform samples in `[from, to)` like `torch.rand` /
 * `Tensor.uniform_(from, to)`. Float32 uses 24 random bits per element,
 * float64 uses 53 bits (two 32-bit draws).
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * uniformFill(g, new Float32Array(3)); // [0.7081..., 0.3542..., 0.1054...]
 * ```
 */
export function uniformFill<T extends FloatArray>(gen: Generator, out: T, from = 0, to = 1): T {
  const is32 = out instanceof Float32Array;
  const lo = is32 ? fr(from) : from;
  const hi = is32 ? fr(to) : to;
  const max = is32 ? F32_MAX : Number.MAX_VALUE;
  if (!(Math.abs(lo) <= max) || !(Math.abs(hi) <= max)) {
    throw new RangeError(`uniformFill: expected finite from and to, but got from=${from}, to=${to}`);
  }
  if (!(lo <= hi)) {
    throw new RangeError(`uniformFill: expected from <= to (samples lie in [from, to)), but got from=${from} > to=${to}`);
  }
  const range = is32 ? fr(hi - lo) : hi - lo;
  if (!(range <= max)) {
    throw new RangeError(`uniformFill: expected to - from to fit the dtype, but got from=${from}, to=${to}`);
  }
  const n = out.length;
  // With a unit range the fused multiply-add is just one rounded addition.
  const unit = range === 1;
  const fma = is32 ? fma32 : fma64;
  for (let i = 0; i < n; i++) {
    const x = is32 ? gen.uniformFloat() : gen.uniformDouble();
    out[i] = unit ? x + lo : fma(x, range, lo);
  }
  return out;
}

/** One 16-element Box-Muller block of the AVX2 float32 kernel, in place. */
function normalBlockF32(d: Float32Array, o: number, mean: number, std: number): void {
  // std = 1 makes the fused `n * std + mean` a single rounded addition
  // (which also turns a -0 into +0, as the hardware does).
  const unit = std === 1;
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - d[o + j]); // (0, 1], so the log is finite
    const u2 = d[o + j + 8];
    const radius = fr(Math.sqrt(fr(-2 * avx2Log(u1))));
    avx2SinCos(fr(TWO_PI_F32 * u2));
    const n1 = fr(radius * sincosOut.cos);
    const n2 = fr(radius * sincosOut.sin);
    d[o + j] = unit ? n1 + mean : fma32(n1, std, mean);
    d[o + j + 8] = unit ? n2 + mean : fma32(n2, std, mean);
  }
}

/** One 16-element Box-Muller block of the float64 kernel, in place. */
function normalBlockF64(d: Float64Array, o: number, mean: number, std: number): void {
  const unit = std === 1;
  for (let j = 0; j < 8; j++) {
    const radius = Math.sqrt(-2 * Math.log(1 - d[o + j]));
    const theta = TWO_PI * d[o + j + 8];
    const n1 = radius * Math.cos(theta);
    const n2 = radius * Math.sin(theta);
    d[o + j] = unit ? n1 + mean : fma64(n1, std, mean);
    d[o + j + 8] = unit ? n2 + mean : fma64(n2, std, mean);
  }
}

/**
 * Fills `out` with normal samples like `torch.randn` / `Tensor.normal_(mean, std)`.
 *
 * PyTorch switches algorithm on the element count:
 * - fewer than 16: scalar Box-Muller in double precision, pairing two uniform
 *   doubles per two outputs and caching the spare sample on the generator
 *   (so it carries into the next small call), then rounding to the dtype;
 * - 16 or more: first draw one uniform per element, then transform blocks of
 *   16 in place (`u[0..8)` give radii, `u[8..16)` angles; cosines land in the
 *   first half, sines in the second). If `n % 16 != 0`, the last 16 slots
 *   are re-drawn and re-transformed, overwriting the tail of the previous
 *   block. Float32 uses the AVX2 polynomial log/sin/cos (reproduced exactly);
 *   float64 uses libm. The spare-sample cache is not touched.
 *
 * `out` stands for a contiguous tensor (PyTorch uses the scalar path for
 * non-contiguous ones of any size).
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(42);
 * normalFill(g, new Float32Array(27 * 10)); // torch.randn((27, 10), generator=g)
 * ```
 */
export function normalFill<T extends FloatArray>(gen: Generator, out: T, mean = 0, std = 1): T {
  if (!(std >= 0)) {
    throw new RangeError(`normalFill: expected std >= 0, but got std=${std}`);
  }
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = gen.normalDouble(mean, std);
    return out;
  }
  if (out instanceof Float32Array) {
    const m = fr(mean);
    const s = fr(std);
    for (let i = 0; i < n; i++) out[i] = gen.uniformFloat();
    for (let i = 0; i < n - 15; i += 16) normalBlockF32(out, i, m, s);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = gen.uniformFloat();
      normalBlockF32(out, n - 16, m, s);
    }
  } else {
    const d = out as Float64Array;
    for (let i = 0; i < n; i++) d[i] = gen.uniformDouble();
    for (let i = 0; i < n - 15; i += 16) normalBlockF64(d, i, mean, std);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) d[i] = gen.uniformDouble();
      normalBlockF64(d, n - 16, mean, std);
    }
  }
  return out;
}

/**
 * Fills `out` with integers uniform in `[low, high)` like `torch.randint` /
 * `Tensor.random_(low, high)`: `random() % (high - low) + low`, or a 64-bit
 * draw when the range is `>= 2^32` (float64 output only, which also stands in
 * for PyTorch's default int64 dtype). The modulo bias is PyTorch's too.
 *
 * @example
 * ```ts
 * randintFill(new Generator().manualSeed(0), new Int32Array(5), 0, 10); // [4, 9, 3, 0, 3]
 * ```
 */
export function randintFill<T extends Int32Array | FloatArray>(gen: Generator, out: T, low: number, high: number): T {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new RangeError(`randintFill: expected low and high to be safe integers, but got low=${low}, high=${high}`);
  }
  if (!(low < high)) {
    throw new RangeError(`randintFill: expected low < high (samples lie in [low, high)), but got low=${low} >= high=${high}`);
  }
  // Float outputs accept any range and round, as PyTorch does (it only warns).
  if (out instanceof Int32Array && (low < -(2 ** 31) || high - 1 > 2 ** 31 - 1)) {
    throw new RangeError(`randintFill: expected low and high - 1 to be in the int32 range, but got low=${low}, high=${high}`);
  }
  const range = high - low;
  const n = out.length;
  if (range >= 2 ** 32) {
    const r = BigInt(range);
    const b = BigInt(low);
    for (let i = 0; i < n; i++) out[i] = Number((gen.random64() % r) + b);
  } else {
    for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + low;
  }
  return out;
}

/**
 * A random permutation of `0 .. n-1` like `torch.randperm(n)` on the CPU:
 * forward Fisher-Yates, swapping slot `i` with `i + random() % (n - i)`
 * (PyTorch 1.13 uses this one algorithm for every `n`).
 *
 * @example
 * ```ts
 * randperm(new Generator().manualSeed(0), 5); // [4, 0, 1, 3, 2]
 * ```
 */
export function randperm(gen: Generator, n: number): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new RangeError(`randperm: expected n to be an integer in [0, 2^31 - 1], but got n=${n}`);
  }
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + (gen.random() % (n - i));
    const t = r[i];
    r[i] = r[z];
    r[z] = t;
  }
  return r;
}

/**
 * Fills `out` with exponential samples like `Tensor.exponential_(lambd)`:
 * `-1/lambd * log(1 - u)` with a 53-bit uniform `u` for every dtype.
 *
 * @example
 * ```ts
 * exponentialFill(new Generator().manualSeed(0), new Float64Array(4));
 * ```
 */
export function exponentialFill<T extends FloatArray>(gen: Generator, out: T, lambd = 1): T {
  if (!(lambd >= 0)) {
    throw new RangeError(`exponentialFill: expected lambd >= 0, but got lambd=${lambd}`);
  }
  const scale = -1 / lambd;
  for (let i = 0; i < out.length; i++) out[i] = scale * Math.log(1 - gen.uniformDouble());
  return out;
}

/**
 * Fills `out` with 0/1 Bernoulli draws like `torch.bernoulli(p)` /
 * `Tensor.bernoulli_(p)`. A scalar `p` and a float64 `p` array compare a
 * 53-bit uniform double against p; a float32 `p` array compares a 24-bit
 * uniform float. A `p` array of length 1 broadcasts.
 *
 * @example
 * ```ts
 * bernoulliFill(g, new Float32Array(10), 0.3);
 * bernoulliFill(g, new Float32Array(2), new Float32Array([0.1, 0.9]));
 * ```
 */
export function bernoulliFill<T extends MaskArray>(gen: Generator, out: T, p: number | FloatArray): T {
  const n = out.length;
  if (typeof p === 'number') {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`bernoulliFill: expected p to be in [0, 1], but got p=${p}`);
    }
    for (let i = 0; i < n; i++) out[i] = gen.uniformDouble() < p ? 1 : 0;
    return out;
  }
  if (p.length !== n && p.length !== 1) {
    throw new RangeError(`bernoulliFill: expected p to have ${n} elements (or 1), but got ${p.length}`);
  }
  const single = p.length === 1;
  const is32 = p instanceof Float32Array;
  for (let i = 0; i < n; i++) {
    const pi = p[single ? 0 : i];
    // PyTorch validates each probability as it reaches it.
    if (!(pi >= 0 && pi <= 1)) {
      throw new RangeError(`bernoulliFill: expected every probability to be in [0, 1], but got p[${i}]=${pi}`);
    }
    const u = is32 ? gen.uniformFloat() : gen.uniformDouble();
    out[i] = u < pi ? 1 : 0;
  }
  return out;
}

/**
 * Fills `out` with the keep-mask `torch.nn.functional.dropout(x, p,
 * training=True)` draws on the CPU (1 = keep, 0 = drop), before the kept
 * values are scaled by `1 / (1 - p)` (in float32 that is
 * `fround(1 / fround(1 - p))`). `p = 0` and `p = 1` draw nothing.
 *
 * @example
 * ```ts
 * const mask = dropoutMask(g, new Float32Array(8), 0.25);
 * ```
 */
export function dropoutMask<T extends MaskArray>(gen: Generator, out: T, p: number): T {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`dropoutMask: expected dropout probability p to be between 0 and 1, but got p=${p}`);
  }
  if (p === 0 || p === 1) {
    out.fill(p === 0 ? 1 : 0);
    return out;
  }
  return bernoulliFill(gen, out, 1 - p);
}

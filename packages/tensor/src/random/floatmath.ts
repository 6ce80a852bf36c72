/**
 * Exact floating-point helpers needed to reproduce PyTorch's compiled CPU
 * kernels bit for bit.
 *
 * PyTorch's x86 kernels are built with FMA enabled, so the compiler fuses
 * expressions like `x * (to - from) + from` into a single fused multiply-add
 * (one rounding instead of two). JavaScript has no FMA, so these functions
 * emulate it exactly with error-free transformations and round-to-odd.
 *
 * @module
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the high word of a double inside `u32` (platform endianness).
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split for doubles

/**
 * Returns `x + y` rounded to odd: exact sums are unchanged; inexact ones get
 * the neighbouring double whose last significand bit is 1. Rounding to odd at
 * 53 bits and then to nearest at fewer bits equals one direct rounding.
 */
function addRoundOdd(x: number, y: number): number {
  const s = x + y;
  // TwoSum: err is the exact rounding error of s.
  const bb = s - x;
  const err = x - (s - bb) + (y - bb);
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if ((u32[LO] & 1) === 1) return s;
  // Step one ulp towards the exact value (s != 0 because the sum was inexact).
  const towardsLarger = err > 0 === s > 0;
  if (towardsLarger) {
    u32[LO] = (u32[LO] + 1) >>> 0;
    if (u32[LO] === 0) u32[HI] = (u32[HI] + 1) >>> 0;
  } else {
    if (u32[LO] === 0) u32[HI] = (u32[HI] - 1) >>> 0;
    u32[LO] = (u32[LO] - 1) >>> 0;
  }
  return f64[0];
}

/**
 * Fused multiply-add on float32 values: `round_f32(a * b + c)` with one rounding.
 * Inputs must already be float32 values.
 *
 * @example
 * ```ts
 * fma32(Math.fround(0.1), 3, Math.fround(-0.3)); // -7.450580596923828e-9 (unfused: 0)
 * ```
 */
export function fma32(a: number, b: number, c: number): number {
  // a*b of two float32 values is exact in double (48 significant bits), so
  // only the double sum s is rounded. Rounding s again to float32 is right
  // unless s sits exactly halfway between two float32 values; then the sign
  // of the sum's rounding error decides.
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const d = s - r;
  const other = r + 2 * d;
  if (Math.fround(other) !== other) return r; // s is not a midpoint
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0 || !Number.isFinite(s)) return r;
  return err > 0 === d > 0 ? other : r;
}

/**
 * Fused multiply-add on doubles: `a * b + c` rounded once, like C's `fma`.
 * Exact for finite inputs whose product neither overflows nor falls into the
 * subnormal range (the only cases the random kernels meet).
 *
 * @example
 * ```ts
 * fma64(0.1, 10, -1); // 5.551115123125783e-17, where 0.1 * 10 - 1 gives 0
 * ```
 */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (p === 0 || !Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  // TwoProduct via Veltkamp splitting: p + pe == a * b exactly.
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  // TwoSum of c and the high product: th + tl == c + p exactly.
  const th = c + p;
  const bb = th - c;
  const tl = c - (th - bb) + (p - bb);
  // Boldo-Melquiond: rounding the small part to odd makes the final sum correct.
  return th + addRoundOdd(tl, pe);
}

// ---------------------------------------------------------------------------
// One lane of PyTorch's AVX2 `log256_ps` / `sincos256_ps` (Cephes-style
// float32 polynomials), with the FMA fusions the compiler chose.

const fr = Math.fround;
const MIN_NORM = fr(1.17549435e-38);
const SQRTHF = fr(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(fr);
const LOG_Q1 = fr(-2.1219444e-4);
const LOG_Q2 = fr(0.693359375);
const FOPI = fr(1.27323954473516);
const DP1 = fr(-0.78515625);
const DP2 = fr(-2.4187564849853515625e-4);
const DP3 = fr(-3.77489497744594108e-8);
const SIN_P0 = fr(-1.9515295891e-4);
const SIN_P1 = fr(8.3321608736e-3);
const SIN_P2 = fr(-1.6666654611e-1);
const COS_P0 = fr(2.443315711809948e-5);
const COS_P1 = fr(-1.388731625493765e-3);
const COS_P2 = fr(4.166664568298827e-2);

const f32 = new Float32Array(1);
const b32 = new Uint32Array(f32.buffer);

/**
 * Natural log of a float32 `x`, bit-identical to one lane of PyTorch's AVX2
 * `log256_ps` (NaN for `x <= 0`).
 *
 * @example
 * ```ts
 * avx2Log(Math.fround(0.5)); // -0.6931471824645996
 * ```
 */
export function avx2Log(x: number): number {
  if (!(x > 0)) return NaN;
  f32[0] = x < MIN_NORM ? MIN_NORM : x;
  const bits = b32[0];
  // Split into exponent e and a mantissa in [0.5, 1).
  let e = (bits >>> 23) - 127 + 1;
  b32[0] = (bits & ~0x7f800000) | 0x3f000000;
  let m = f32[0];
  let tmp = 0;
  if (m < SQRTHF) {
    tmp = m;
    e -= 1;
  }
  m = fr(m - 1);
  m = fr(tmp + m);
  const eq1 = fr(e * LOG_Q1);
  let y = LOG_P[0];
  for (let i = 1; i < 9; i++) y = fma32(m, y, LOG_P[i]);
  const z = fr(m * m);
  y = fr(m * y);
  y = fma32(y, z, eq1);
  y = fr(y - z * 0.5); // z * 0.5 is exact
  return fma32(e, LOG_Q2, fr(m + y));
}

/**
 * Result slots of {@link avx2SinCos} (avoids allocating per call).
 *
 * @example
 * ```ts
 * avx2SinCos(Math.fround(0.5));
 * const { sin, cos } = sincosOut;
 * ```
 */
export const sincosOut = { sin: 0, cos: 0 };

/**
 * Sine and cosine of a float32 `x` (|x| well below 2^24), bit-identical to one
 * lane of PyTorch's AVX2 `sincos256_ps`. Results land in {@link sincosOut}.
 *
 * @example
 * ```ts
 * avx2SinCos(Math.fround(1)); sincosOut.sin; // 0.8414709568023682
 * ```
 */
export function avx2SinCos(x: number): void {
  let signSin = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const k = (Math.trunc(fr(ax * FOPI)) + 1) | 0;
  const j = k & ~1;
  const yj = j; // small integers are exact in float32
  if (k & 4) signSin = !signSin;
  const polyMask = (k & 2) === 0;
  const signCos = (~(j - 2) & 4) !== 0;
  // Extended-precision range reduction, each step fused.
  let r = fma32(yj, DP1, ax);
  r = fma32(yj, DP2, r);
  r = fma32(yj, DP3, r);
  const z = fr(r * r);
  let yc = fma32(z, COS_P0, COS_P1);
  yc = fma32(z, yc, COS_P2);
  const half = fr(z * 0.5);
  yc = fr(z * yc);
  yc = fma32(yc, z, -half);
  yc = fr(yc + 1);
  let ys = fma32(SIN_P0, z, SIN_P1);
  ys = fma32(z, ys, SIN_P2);
  ys = fr(z * ys);
  ys = fma32(ys, r, r);
  // Blend exactly like the vector code (adds of +0 included, for signed zeros).
  const ysin2 = polyMask ? ys : 0;
  const ysin1 = polyMask ? 0 : yc;
  const s = ysin1 + ysin2;
  const c = ys - ysin2 + (yc - ysin1);
  sincosOut.sin = signSin ? -s : s;
  sincosOut.cos = signCos ? -c : c;
}

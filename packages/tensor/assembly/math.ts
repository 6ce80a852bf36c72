/**
 * float32 functions on four lanes (WebAssembly SIMD) that the kernels share: exp, log, tanh and sigmoid as
 * polynomial approximations after Cephes' single-precision routines (range reduction, then a minimax
 * polynomial), within a few float32 ulps of the correctly rounded value, with IEEE results at the edges: NaN
 * in, NaN out; exp overflows to +inf and underflows through subnormals to 0; log(0) = -inf, log(x < 0) = NaN;
 * tanh keeps the sign of zero. Inlined where used; index.ts does not re-export them, so they are no entry points.
 */

// exp: e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln(2)/2; ln 2 split in two so n·ln 2 is exact enough.
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** Above this e^x overflows float32. */
const EXP_MAX: f32 = 88.7228391;
/** Below this e^x rounds to 0 even as a subnormal. */
const EXP_MIN: f32 = -103.972084;
/** 1.5·2^23, and its bit pattern: adding it rounds a float of magnitude below 2^22 to an integer. */
const ROUNDER: f32 = 12582912;
const ROUNDER_BITS: i32 = 0x4b400000;

/** x·log₂e + 1.5·2^23: rounding to the nearest integer n happens in the addition, which leaves n in the low bits. */
@inline
function roundedLog2(x: v128): v128 {
  return f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(ROUNDER));
}

/** e^x as 2^n · e^r, for n = t − 1.5·2^23 (t from roundedLog2) and r = x − n·ln 2: returns e^r (Cephes' polynomial). */
@inline
function expReduced(x: v128, t: v128): v128 {
  const n = f32x4.sub(t, f32x4.splat(ROUNDER));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  return f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
}

@inline
export function expv(x: v128): v128 {
  // pmin/pmax are one instruction each (min/max with Wasm's NaN rules take several) and still pass NaN through
  const xc = f32x4.pmax(f32x4.pmin(x, f32x4.splat(EXP_MAX)), f32x4.splat(EXP_MIN));
  const t = roundedLog2(xc);
  const y = expReduced(xc, t);
  // 2^n in two factors, each a normal float for n in [-150, 128], so subnormal results round once
  const ni = i32x4.sub(t, i32x4.splat(ROUNDER_BITS));
  const h = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(h, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, h), i32x4.splat(127)), 23);
  const scaled = f32x4.mul(f32x4.mul(y, s1), s2);
  return v128.bitselect(f32x4.splat(Infinity), scaled, f32x4.gt(x, f32x4.splat(EXP_MAX)));
}

const SQRT_HALF: f32 = 0.707106781186547524;
const MIN_NORMAL: f32 = 1.17549435e-38;

@inline
export function logv(x: v128): v128 {
  // subnormals: scale by 2^23 into the normal range and take 23 off the exponent
  const sub = f32x4.lt(x, f32x4.splat(MIN_NORMAL));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608)), x, sub);
  // x = m · 2^e with m in [0.5, 1)
  let e = i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(sub, i32x4.splat(23)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000));
  // m below √½: use 2m − 1 and e − 1, so the polynomial's argument stays in [√½ − 1, √2 − 1]
  const low = f32x4.lt(m, f32x4.splat(SQRT_HALF));
  e = i32x4.add(e, low); // true lanes are −1
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), f32x4.splat(1));
  const z = f32x4.mul(m, m);
  let y = f32x4.splat(7.0376836292e-2);
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.1514610310e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(1.1676998740e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.2420140846e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(1.4249322787e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.6668057665e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(2.0000714765e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-2.4999993993e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, m), z);
  const fe = f32x4.convert_i32x4_s(e);
  y = f32x4.add(y, f32x4.mul(fe, f32x4.splat(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  let r = f32x4.add(f32x4.add(m, y), f32x4.mul(fe, f32x4.splat(LN2_HI)));
  r = v128.bitselect(f32x4.splat(Infinity), r, f32x4.eq(x, f32x4.splat(Infinity)));
  r = v128.bitselect(f32x4.splat(-Infinity), r, f32x4.eq(x, f32x4.splat(0)));
  // negative and NaN inputs: NaN
  return v128.bitselect(f32x4.splat(NaN), r, v128.not(f32x4.ge(x, f32x4.splat(0))));
}

const SIGN: i32 = 0x80000000;

/**
 * e^y for y in [−18, 0] (tanh's argument range): expv without the clamps, the overflow test and the split
 * scale, which that range never needs (2^n is a normal float for n in [−26, 0]).
 */
@inline
function expNonPositive(y: v128): v128 {
  const t = roundedLog2(y);
  const scale = i32x4.shl(i32x4.add(i32x4.sub(t, i32x4.splat(ROUNDER_BITS)), i32x4.splat(127)), 23);
  return f32x4.mul(expReduced(y, t), scale);
}

/** Beyond this |x|, tanh(x) rounds to ±1 in float32 (1 − tanh(9) ≈ 3·10⁻⁸). */
const TANH_SATURATED: f32 = 9;

@inline
export function tanhv(x: v128): v128 {
  // pmin passes NaN through, and it stays NaN below
  const ax = f32x4.pmin(f32x4.abs(x), f32x4.splat(TANH_SATURATED));
  // |x| < 0.625: odd polynomial
  const z = f32x4.mul(ax, ax);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), ax), ax);
  // otherwise (1 − e^{−2|x|}) / (1 + e^{−2|x|})
  const e = expNonPositive(f32x4.neg(f32x4.add(ax, ax)));
  const large = f32x4.div(f32x4.sub(f32x4.splat(1), e), f32x4.add(f32x4.splat(1), e));
  const y = v128.bitselect(small, large, f32x4.lt(ax, f32x4.splat(0.625)));
  // x's sign (the polynomial ran on |x|, so −0 stays −0 too)
  return v128.or(y, v128.and(x, i32x4.splat(SIGN)));
}

@inline
export function sigmoidv(x: v128): v128 {
  // 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below, so neither overflows and tiny results keep their subnormals
  const e = expv(f32x4.neg(f32x4.abs(x)));
  const numerator = v128.bitselect(f32x4.splat(1), e, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(f32x4.splat(1), e));
}

// Φ(x), the standard normal distribution function, as erfc(−x/√2)/2 with Cephes' single-precision erff/erfcf
// polynomials: erf(a) = a·T(a²) below |a| = 1, erfc(a) = e^{−a²}/|a| · P(1/a²) (|a| < 2) or R(1/a²) beyond, so
// the small values of Φ far below 0 keep their relative precision.
const SQRT1_2: f32 = 0.707106781186547524;
/** Beyond this |a|, e^{−a²} is 0 in float32. */
const ERFC_ZERO: f32 = 16;

@inline
function hornerT(z: v128): v128 {
  let p = f32x4.splat(7.853861353153693e-5);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-8.010193625184903e-4));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(5.188327685732524e-3));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-2.685381193529856e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.128358514861418e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.761262582423300e-1));
  return f32x4.add(f32x4.mul(p, z), f32x4.splat(1.128379165726710));
}

@inline
function hornerP(y: v128): v128 {
  let p = f32x4.splat(2.326819970068386e-2);
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-1.387039388740657e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(3.687424674597105e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-5.824733027278666e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(6.210004621745983e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-4.944515323274145e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(3.404879937665872e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-2.741127028184656e-1));
  return f32x4.add(f32x4.mul(p, y), f32x4.splat(5.638259427386472e-1));
}

@inline
function hornerR(y: v128): v128 {
  let p = f32x4.splat(-1.047766399936249e1);
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(1.297719955372516e1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-7.495518717768503));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(2.921019019210786));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-1.015265279202700));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(4.218463358204948e-1));
  p = f32x4.add(f32x4.mul(p, y), f32x4.splat(-2.820767439740514e-1));
  return f32x4.add(f32x4.mul(p, y), f32x4.splat(5.641895067754075e-1));
}

/**
 * e^{−a²} for a ≥ 0 without the error of rounding a² (which e^{…} would multiply by a²): with h = a rounded to a
 * multiple of 2⁻⁸, h² is exact in float32 below 16, and e^{−a²} = e^{−h²}·e^{−(a−h)(a+h)}.
 */
@inline
export function expNegSquarev(a: v128): v128 {
  const x = f32x4.pmin(a, f32x4.splat(ERFC_ZERO));
  const h = f32x4.div(f32x4.nearest(f32x4.mul(x, f32x4.splat(256))), f32x4.splat(256));
  const r = f32x4.mul(f32x4.sub(x, h), f32x4.add(x, h));
  return f32x4.mul(expv(f32x4.neg(f32x4.mul(h, h))), expv(f32x4.neg(r)));
}

/** Φ(x) = erfc(−x/√2)/2: the probability that a standard normal variable is at most x. */
@inline
export function phiv(x: v128): v128 {
  const a = f32x4.mul(x, f32x4.splat(-SQRT1_2));
  const ax = f32x4.abs(a);
  const small = f32x4.sub(f32x4.splat(1), f32x4.mul(a, hornerT(f32x4.mul(a, a))));
  const q = f32x4.div(f32x4.splat(1), ax);
  const y = f32x4.mul(q, q);
  const tail = v128.bitselect(hornerP(y), hornerR(y), f32x4.lt(ax, f32x4.splat(2)));
  const v = f32x4.mul(f32x4.mul(expNegSquarev(ax), q), tail);
  const large = v128.bitselect(f32x4.sub(f32x4.splat(2), v), v, f32x4.lt(a, f32x4.splat(0)));
  return f32x4.mul(f32x4.splat(0.5), v128.bitselect(large, small, f32x4.ge(ax, f32x4.splat(1))));
}

/**
 * float32 functions on four lanes (WebAssembly SIMD) that the kernels share: exp, log and sigmoid as polynomial
 * approximations after Cephes' single-precision routines (range reduction, then a minimax polynomial), tanh as a
 * rational fitted here, all within a few float32 ulps of the correctly rounded value, with IEEE results at the edges: NaN
 * in, NaN out; exp overflows to +inf and underflows through subnormals to 0; log(0) = -inf, log(x < 0) = NaN;
 * tanh keeps the sign of zero. Inlined where used; index.ts does not re-export them, so they are no entry points.
 */

/**
 * The 32-bit value at `at` (a `memory.data` constant) in every lane. Constants are read from static memory rather
 * than written as v128 constants: V8 builds a v128 constant afresh at every use inside a loop, and these kernels use
 * dozens a vector (measured on 6,400 floats: exp 1.35×, sigmoid 1.23×, the rational tanh 1.7× faster this way).
 */
@inline
export function lanes(at: usize): v128 {
  return v128.load32_splat(at);
}

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
  return f32x4.add(f32x4.mul(x, lanes(memory.data<f32>([LOG2E]))), lanes(memory.data<f32>([ROUNDER])));
}

/** e^x as 2^n · e^r, for n = t − 1.5·2^23 (t from roundedLog2) and r = x − n·ln 2: returns e^r (Cephes' polynomial). */
@inline
function expReduced(x: v128, t: v128): v128 {
  const n = f32x4.sub(t, lanes(memory.data<f32>([ROUNDER])));
  let r = f32x4.sub(x, f32x4.mul(n, lanes(memory.data<f32>([LN2_HI]))));
  r = f32x4.sub(r, f32x4.mul(n, lanes(memory.data<f32>([LN2_LO]))));
  let p = lanes(memory.data<f32>([1.9875691500e-4]));
  p = f32x4.add(f32x4.mul(p, r), lanes(memory.data<f32>([1.3981999507e-3])));
  p = f32x4.add(f32x4.mul(p, r), lanes(memory.data<f32>([8.3334519073e-3])));
  p = f32x4.add(f32x4.mul(p, r), lanes(memory.data<f32>([4.1665795894e-2])));
  p = f32x4.add(f32x4.mul(p, r), lanes(memory.data<f32>([1.6666665459e-1])));
  p = f32x4.add(f32x4.mul(p, r), lanes(memory.data<f32>([5.0000001201e-1])));
  return f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), lanes(memory.data<f32>([1])));
}

@inline
export function expv(x: v128): v128 {
  // pmin/pmax are one instruction each (min/max with Wasm's NaN rules take several) and still pass NaN through
  const xc = f32x4.pmax(f32x4.pmin(x, lanes(memory.data<f32>([EXP_MAX]))), lanes(memory.data<f32>([EXP_MIN])));
  const t = roundedLog2(xc);
  const y = expReduced(xc, t);
  // 2^n in two factors, each a normal float for n in [-150, 128], so subnormal results round once
  const ni = i32x4.sub(t, lanes(memory.data<i32>([ROUNDER_BITS])));
  const h = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(h, lanes(memory.data<i32>([127]))), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, h), lanes(memory.data<i32>([127]))), 23);
  const scaled = f32x4.mul(f32x4.mul(y, s1), s2);
  return v128.bitselect(lanes(memory.data<f32>([Infinity])), scaled, f32x4.gt(x, lanes(memory.data<f32>([EXP_MAX]))));
}

const SQRT_HALF: f32 = 0.707106781186547524;
const MIN_NORMAL: f32 = 1.17549435e-38;

@inline
export function logv(x: v128): v128 {
  // subnormals: scale by 2^23 into the normal range and take 23 off the exponent
  const sub = f32x4.lt(x, lanes(memory.data<f32>([MIN_NORMAL])));
  const xs = v128.bitselect(f32x4.mul(x, lanes(memory.data<f32>([8388608]))), x, sub);
  // x = m · 2^e with m in [0.5, 1)
  let e = i32x4.sub(i32x4.shr_u(xs, 23), lanes(memory.data<i32>([126])));
  e = i32x4.sub(e, v128.and(sub, lanes(memory.data<i32>([23]))));
  let m = v128.or(v128.and(xs, lanes(memory.data<i32>([0x807fffff]))), lanes(memory.data<i32>([0x3f000000])));
  // m below √½: use 2m − 1 and e − 1, so the polynomial's argument stays in [√½ − 1, √2 − 1]
  const low = f32x4.lt(m, lanes(memory.data<f32>([SQRT_HALF])));
  e = i32x4.add(e, low); // true lanes are −1
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), lanes(memory.data<f32>([1])));
  const z = f32x4.mul(m, m);
  let y = lanes(memory.data<f32>([7.0376836292e-2]));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([-1.1514610310e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([1.1676998740e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([-1.2420140846e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([1.4249322787e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([-1.6668057665e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([2.0000714765e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([-2.4999993993e-1])));
  y = f32x4.add(f32x4.mul(y, m), lanes(memory.data<f32>([3.3333331174e-1])));
  y = f32x4.mul(f32x4.mul(y, m), z);
  const fe = f32x4.convert_i32x4_s(e);
  y = f32x4.add(y, f32x4.mul(fe, lanes(memory.data<f32>([LN2_LO]))));
  y = f32x4.sub(y, f32x4.mul(z, lanes(memory.data<f32>([0.5]))));
  let r = f32x4.add(f32x4.add(m, y), f32x4.mul(fe, lanes(memory.data<f32>([LN2_HI]))));
  r = v128.bitselect(lanes(memory.data<f32>([Infinity])), r, f32x4.eq(x, lanes(memory.data<f32>([Infinity]))));
  r = v128.bitselect(lanes(memory.data<f32>([-Infinity])), r, f32x4.eq(x, f32x4.splat(0)));
  // negative and NaN inputs: NaN
  return v128.bitselect(lanes(memory.data<f32>([NaN])), r, v128.not(f32x4.ge(x, f32x4.splat(0))));
}

// tanh(x) = x·P(x²)/Q(x²), a rational fitted for relative error on [0, 9] (scripts/fit_tanh.py): 6.7·10⁻⁹ in exact
// arithmetic, at most 6 float32 ulps (mean 0.86) as evaluated here, against 2 for Cephes' polynomial-or-exp form
// it replaced, which took 3.8× as long (the rational's two short Horner chains run side by side, and it needs no
// exp). P(0) = Q(0) = 1, so tiny x and −0 come back unchanged; the argument is clamped at the first value whose
// result rounds to 1 (TANH_COEFFS[0]), so every larger |x| gives exactly ±1, and the result is clamped to [−1, 1].
const TANH_COEFFS = memory.data<f32>([
  8.1103515625, // clamp
  0.13084039092063904, 0.0031039868481457233, 1.1154600542795379e-05, -2.0226236685516596e-08,
  5.278346162929104e-11, -8.489525949633217e-14, // P: x², x⁴ … x¹² (x⁰: 1)
  0.46417364478111267, 0.024495303630828857, 0.0002546188188716769, // Q: x², x⁴, x⁶ (x⁰: 1)
  1, -1,
]);

/** TANH_COEFFS[i] in every lane. */
@inline
function tanhCoeff(i: i32): v128 {
  return lanes(TANH_COEFFS + (<usize>i << 2));
}

@inline
export function tanhv(v: v128): v128 {
  // pmin/pmax pass NaN through, and −0 stays −0
  const one = tanhCoeff(10);
  const minusOne = tanhCoeff(11);
  const clamp = tanhCoeff(0);
  const x = f32x4.pmax(f32x4.pmin(v, clamp), f32x4.neg(clamp));
  const z = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(tanhCoeff(6), z), tanhCoeff(5));
  p = f32x4.add(f32x4.mul(p, z), tanhCoeff(4));
  p = f32x4.add(f32x4.mul(p, z), tanhCoeff(3));
  p = f32x4.add(f32x4.mul(p, z), tanhCoeff(2));
  p = f32x4.add(f32x4.mul(p, z), tanhCoeff(1));
  p = f32x4.mul(f32x4.add(f32x4.mul(p, z), one), x);
  let q = f32x4.add(f32x4.mul(tanhCoeff(9), z), tanhCoeff(8));
  q = f32x4.add(f32x4.mul(q, z), tanhCoeff(7));
  q = f32x4.add(f32x4.mul(q, z), one);
  return f32x4.pmax(f32x4.pmin(f32x4.div(p, q), one), minusOne);
}

@inline
export function sigmoidv(x: v128): v128 {
  // 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below, so neither overflows and tiny results keep their subnormals
  const e = expv(f32x4.neg(f32x4.abs(x)));
  const numerator = v128.bitselect(lanes(memory.data<f32>([1])), e, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(lanes(memory.data<f32>([1])), e));
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

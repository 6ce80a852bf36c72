/**
 * float32 elementwise kernels for the CPU backend, four lanes at a time (WebAssembly SIMD).
 *
 * The host copies operands into this module's memory, calls `mapRows`, and copies the result out
 * (src/backends/cpu/wasm/elementwise-wasm.ts). Operand regions are padded by at least 16 bytes, so every
 * loop runs in whole vectors: lanes past the end read padding and write padding or the start of the next
 * row, which that row's own pass then overwrites.
 *
 * exp, log and tanh are polynomial approximations after Cephes' single-precision routines (range reduction,
 * then a minimax polynomial), within a few float32 ulps of the correctly rounded value, with IEEE results at
 * the edges: NaN in, NaN out; exp overflows to +inf and underflows through subnormals to 0; log(0) = -inf,
 * log(x < 0) = NaN; tanh keeps the sign of zero.
 */

// Op codes: the index of each op in WASM_OPS (src/backends/cpu/wasm/elementwise-wasm.ts).
const NEG = 0;
const ABS = 1;
const EXP = 2;
const LOG = 3;
const SQRT = 4;
const RSQRT = 5;
const RECIPROCAL = 6;
const TANH = 7;
const SIGMOID = 8;
const RELU = 9;
const ADD = 10;
const SUB = 11;
const MUL = 12;
const DIV = 13;
const TANH_BACKWARD = 14;
const SIGMOID_BACKWARD = 15;
const RELU_BACKWARD = 16;
const SCALE_ADD = 17;
const SCALE_ADD_SQUARE = 18;
const ADAM_STEP = 19;

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
function expv(x: v128): v128 {
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
function logv(x: v128): v128 {
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
function tanhv(x: v128): v128 {
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
function sigmoidv(x: v128): v128 {
  // 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below, so neither overflows and tiny results keep their subnormals
  const e = expv(f32x4.neg(f32x4.abs(x)));
  const numerator = v128.bitselect(f32x4.splat(1), e, f32x4.ge(x, f32x4.splat(0)));
  return f32x4.div(numerator, f32x4.add(f32x4.splat(1), e));
}

/** One row: out[0..n) = op(a[0..n), b[0..n), c[0..n)), all contiguous. */
function run(op: i32, n: i32, o: usize, a: usize, b: usize, c: usize, p0: f32, p1: f32): void {
  const end = o + (<usize>n << 2);
  const q0 = f32x4.splat(p0);
  const q1 = f32x4.splat(p1);
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  switch (op) {
    case NEG: for (; o < end; o += 16, a += 16) v128.store(o, f32x4.neg(v128.load(a))); break;
    case ABS: for (; o < end; o += 16, a += 16) v128.store(o, f32x4.abs(v128.load(a))); break;
    case EXP: for (; o < end; o += 16, a += 16) v128.store(o, expv(v128.load(a))); break;
    case LOG: for (; o < end; o += 16, a += 16) v128.store(o, logv(v128.load(a))); break;
    case SQRT: for (; o < end; o += 16, a += 16) v128.store(o, f32x4.sqrt(v128.load(a))); break;
    case RSQRT: for (; o < end; o += 16, a += 16) v128.store(o, f32x4.div(one, f32x4.sqrt(v128.load(a)))); break;
    case RECIPROCAL: for (; o < end; o += 16, a += 16) v128.store(o, f32x4.div(one, v128.load(a))); break;
    case TANH: for (; o < end; o += 16, a += 16) v128.store(o, tanhv(v128.load(a))); break;
    case SIGMOID: for (; o < end; o += 16, a += 16) v128.store(o, sigmoidv(v128.load(a))); break;
    case RELU: {
      // x where x > 0, 0 where x ≤ 0, NaN kept
      for (; o < end; o += 16, a += 16) {
        const x = v128.load(a);
        v128.store(o, v128.bitselect(zero, x, f32x4.le(x, zero)));
      }
      break;
    }
    case ADD: for (; o < end; o += 16, a += 16, b += 16) v128.store(o, f32x4.add(v128.load(a), v128.load(b))); break;
    case SUB: for (; o < end; o += 16, a += 16, b += 16) v128.store(o, f32x4.sub(v128.load(a), v128.load(b))); break;
    case MUL: for (; o < end; o += 16, a += 16, b += 16) v128.store(o, f32x4.mul(v128.load(a), v128.load(b))); break;
    case DIV: for (; o < end; o += 16, a += 16, b += 16) v128.store(o, f32x4.div(v128.load(a), v128.load(b))); break;
    case TANH_BACKWARD: {
      for (; o < end; o += 16, a += 16, b += 16) {
        const y = v128.load(b);
        v128.store(o, f32x4.mul(v128.load(a), f32x4.sub(one, f32x4.mul(y, y))));
      }
      break;
    }
    case SIGMOID_BACKWARD: {
      for (; o < end; o += 16, a += 16, b += 16) {
        const y = v128.load(b);
        v128.store(o, f32x4.mul(f32x4.mul(v128.load(a), y), f32x4.sub(one, y)));
      }
      break;
    }
    case RELU_BACKWARD: {
      for (; o < end; o += 16, a += 16, b += 16) v128.store(o, v128.and(v128.load(a), f32x4.gt(v128.load(b), zero)));
      break;
    }
    case SCALE_ADD: {
      for (; o < end; o += 16, a += 16, b += 16) v128.store(o, f32x4.add(f32x4.mul(v128.load(a), q0), f32x4.mul(v128.load(b), q1)));
      break;
    }
    case SCALE_ADD_SQUARE: {
      for (; o < end; o += 16, a += 16, b += 16) {
        const g = v128.load(b);
        v128.store(o, f32x4.add(f32x4.mul(v128.load(a), q0), f32x4.mul(f32x4.mul(g, g), q1)));
      }
      break;
    }
    case ADAM_STEP: {
      for (; o < end; o += 16, a += 16, b += 16, c += 16) {
        const step = f32x4.div(f32x4.mul(q0, v128.load(b)), f32x4.add(f32x4.sqrt(v128.load(c)), q1));
        v128.store(o, f32x4.sub(v128.load(a), step));
      }
      break;
    }
    default: unreachable();
  }
}

/** Fills `n` floats (rounded up to whole vectors) at `to` with the value at `from`. */
function splat(from: usize, n: i32, to: usize): usize {
  const v = v128.load32_splat(from);
  const end = to + (<usize>n << 2);
  for (let p = to; p < end; p += 16) v128.store(p, v);
  return to;
}

/**
 * `rows` rows of `n` results, written contiguously from `out`: row r, element j is op of a[r·ars + j·acs],
 * b[…], c[…] (strides in floats; inner strides 0 or 1, and 0 broadcasts one value along the row, which is
 * first spread over a row of `tmp`). `tmp` has room for three padded rows. Unused operands repeat `a`.
 */
export function mapRows(
  op: i32, rows: i32, n: i32, out: usize,
  a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize, crs: i32, ccs: i32,
  p0: f32, p1: f32, tmp: usize,
): void {
  const room = (<usize>(n + 3) & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    let pa = a + (<usize>(r * ars) << 2);
    let pb = b + (<usize>(r * brs) << 2);
    let pc = c + (<usize>(r * crs) << 2);
    if (acs == 0) pa = splat(pa, n, tmp);
    if (bcs == 0) pb = splat(pb, n, tmp + room);
    if (ccs == 0) pc = splat(pc, n, tmp + 2 * room);
    run(op, n, out + (<usize>(r * n) << 2), pa, pb, pc, p0, p1);
  }
}

/**
 * Adam's three updates in one pass over `n` contiguous floats, in place (the fused ops scaleAdd,
 * scaleAddSquare and adamStep in sequence, with the same float32 operations):
 * m ← b1·m + c1·g;  v ← b2·v + c2·g²;  p ← p − stepSize·m / (√v + eps).
 */
export function adam(n: i32, p: usize, g: usize, m: usize, v: usize, b1: f32, c1: f32, b2: f32, c2: f32, stepSize: f32, eps: f32): void {
  const end = p + (<usize>n << 2);
  const qb1 = f32x4.splat(b1), qc1 = f32x4.splat(c1), qb2 = f32x4.splat(b2), qc2 = f32x4.splat(c2);
  const qs = f32x4.splat(stepSize), qe = f32x4.splat(eps);
  for (; p < end; p += 16, g += 16, m += 16, v += 16) {
    const gv = v128.load(g);
    const mv = f32x4.add(f32x4.mul(v128.load(m), qb1), f32x4.mul(gv, qc1));
    const vv = f32x4.add(f32x4.mul(v128.load(v), qb2), f32x4.mul(f32x4.mul(gv, gv), qc2));
    v128.store(m, mv);
    v128.store(v, vv);
    v128.store(p, f32x4.sub(v128.load(p), f32x4.div(f32x4.mul(qs, mv), f32x4.add(f32x4.sqrt(vv), qe))));
  }
}

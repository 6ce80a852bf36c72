/**
 * float32 elementwise kernels for the CPU backend, four lanes at a time (WebAssembly SIMD).
 *
 * The host copies operands into this module's memory, calls `mapRows`, and copies the result out
 * (src/backends/cpu/wasm/elementwise-wasm.ts). Operand regions are padded by at least 16 bytes, so every
 * loop runs in whole vectors: lanes past the end read padding and write padding or the start of the next
 * row, which that row's own pass then overwrites.
 *
 * exp, log, tanh and sigmoid come from math.ts.
 */
import { expNegSquarev, expv, lanes, logv, phiv, sigmoidv, tanhv } from './math';

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
const GELU = 20;
const GELU_TANH = 21;
const GELU_BACKWARD = 22;
const GELU_TANH_BACKWARD = 23;

const SQRT_2_OVER_PI: f32 = 0.7978845608028654;
const GELU_CUBIC: f32 = 0.044715;
const INV_SQRT_2PI: f32 = 0.3989422804014327;

/** sigmoid(2u) for GELU's tanh form, u = √(2/π)(x + 0.044715x³): 0.5(1 + tanh u) without its cancellation below 0. */
@inline
function geluTanhGate(x: v128): v128 {
  const u = f32x4.mul(lanes(memory.data<f32>([SQRT_2_OVER_PI])), f32x4.add(x, f32x4.mul(lanes(memory.data<f32>([GELU_CUBIC])), f32x4.mul(f32x4.mul(x, x), x))));
  return sigmoidv(f32x4.add(u, u));
}

/** One row: out[0..n) = op(a[0..n), b[0..n), c[0..n)), all contiguous. */
function run(op: i32, n: i32, o: usize, a: usize, b: usize, c: usize, p0: f32, p1: f32): void {
  const end = o + (<usize>n << 2);
  const q0 = f32x4.splat(p0);
  const q1 = f32x4.splat(p1);
  const one = lanes(memory.data<f32>([1]));
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
    case GELU: for (; o < end; o += 16, a += 16) { const x = v128.load(a); v128.store(o, f32x4.mul(x, phiv(x))); } break;
    case GELU_TANH: for (; o < end; o += 16, a += 16) { const x = v128.load(a); v128.store(o, f32x4.mul(x, geluTanhGate(x))); } break;
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
    case GELU_BACKWARD: {
      // d/dx x·Φ(x) = Φ(x) + x·φ(x)
      for (; o < end; o += 16, a += 16, b += 16) {
        const x = v128.load(b);
        const pdf = f32x4.mul(expNegSquarev(f32x4.abs(f32x4.mul(x, lanes(memory.data<f32>([0.707106781186547524]))))), lanes(memory.data<f32>([INV_SQRT_2PI])));
        v128.store(o, f32x4.mul(v128.load(a), f32x4.add(phiv(x), f32x4.mul(x, pdf))));
      }
      break;
    }
    case GELU_TANH_BACKWARD: {
      // with s = sigmoid(2u): d/dx x·s = s + 2x·s(1 − s)·u′, u′ = √(2/π)(1 + 3·0.044715x²)
      for (; o < end; o += 16, a += 16, b += 16) {
        const x = v128.load(b);
        const s = geluTanhGate(x);
        const du = f32x4.mul(lanes(memory.data<f32>([SQRT_2_OVER_PI])), f32x4.add(one, f32x4.mul(lanes(memory.data<f32>([3 * GELU_CUBIC])), f32x4.mul(x, x))));
        const ds = f32x4.mul(f32x4.mul(f32x4.add(x, x), f32x4.mul(s, f32x4.sub(one, s))), du);
        v128.store(o, f32x4.mul(v128.load(a), f32x4.add(s, ds)));
      }
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

/**
 * softmax and logSoftmax over rows of float32, forward and backward, each in one call (the CPU backend's
 * `Backend.softmax`, src/backends/cpu/wasm/softmax-wasm.ts). They compute what the compositions of reduce and
 * map in src/ops/reduction.ts and the autograd rules compute, with the same float32 operations (exp and log
 * from elementwise.ts) and sums accumulated in float64 in element order, as the JS reduce kernel does.
 *
 * Rows lie one after another (row r at r·n); a row's tail that does not fill a vector is computed on a
 * vector of its own, so no lane reads or writes a neighbouring row.
 */
import { expv, logv } from './math';

// Kinds: the index of each in SOFTMAX_KINDS (src/backends/cpu/wasm/softmax-wasm.ts).
const SOFTMAX = 0;
const LOG_SOFTMAX = 1;
const SOFTMAX_BACKWARD = 2;
const LOG_SOFTMAX_BACKWARD = 3;

/** Σ of the four lanes added to `acc` in lane order, in float64. */
@inline
function addLanes(acc: f64, v: v128): f64 {
  acc += <f64>f32x4.extract_lane(v, 0);
  acc += <f64>f32x4.extract_lane(v, 1);
  acc += <f64>f32x4.extract_lane(v, 2);
  return acc + <f64>f32x4.extract_lane(v, 3);
}

/** The `k` < 4 floats at `p` in lanes 0..k−1, `fill` in the others. */
@inline
function loadTail(p: usize, k: i32, fill: f32): v128 {
  let v = f32x4.splat(fill);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (k > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (k > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores lanes 0..k−1 (k < 4) of `v` at `p`. */
@inline
function storeTail(p: usize, k: i32, v: v128): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (k > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (k > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Σ of the lanes 0..k−1 added to `acc` in order (k < 4). */
@inline
function addTail(acc: f64, v: v128, k: i32): f64 {
  acc += <f64>f32x4.extract_lane(v, 0);
  if (k > 1) acc += <f64>f32x4.extract_lane(v, 1);
  if (k > 2) acc += <f64>f32x4.extract_lane(v, 2);
  return acc;
}

/** The largest of the row's n floats at `x`, NaN if any is NaN (n ≥ 1). */
function rowMax(x: usize, n: i32): f32 {
  const whole = x + (<usize>(n & ~3) << 2);
  let m = f32x4.splat(-Infinity);
  let p = x;
  for (; p < whole; p += 16) m = f32x4.max(m, v128.load(p));
  let r = max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
  for (let k = 0; k < (n & 3); k++) r = max(r, load<f32>(p + (<usize>k << 2)));
  return r;
}

/**
 * One row forward: out = exp(x − m) / s (softmax) or (x − m) − log s (logSoftmax), with m the row's max and
 * s = Σ exp(x − m) rounded to float32.
 */
function forwardRow(log: bool, n: i32, out: usize, x: usize): void {
  const m = f32x4.splat(rowMax(x, n));
  const whole = <usize>(n & ~3) << 2;
  const tail = n & 3;
  let s: f64 = 0;
  // pass 1: the exponentials (stored where softmax needs them) and their sum
  for (let j: usize = 0; j < whole; j += 16) {
    const e = expv(f32x4.sub(v128.load(x + j), m));
    if (!log) v128.store(out + j, e);
    s = addLanes(s, e);
  }
  if (tail) {
    const e = expv(f32x4.sub(loadTail(x + whole, tail, 0), m));
    if (!log) storeTail(out + whole, tail, e);
    s = addTail(s, e, tail);
  }
  const sum = f32x4.splat(<f32>s);
  if (log) {
    const ls = logv(sum);
    for (let j: usize = 0; j < whole; j += 16) v128.store(out + j, f32x4.sub(f32x4.sub(v128.load(x + j), m), ls));
    if (tail) storeTail(out + whole, tail, f32x4.sub(f32x4.sub(loadTail(x + whole, tail, 0), m), ls));
  } else {
    for (let j: usize = 0; j < whole; j += 16) v128.store(out + j, f32x4.div(v128.load(out + j), sum));
    if (tail) storeTail(out + whole, tail, f32x4.div(loadTail(out + whole, tail, 1), sum));
  }
}

/**
 * One row backward, from the gradient g and the forward output y: softmax's g_x = y·(g − Σ g·y), logSoftmax's
 * g_x = g − exp(y)·Σ g, the sums rounded to float32.
 */
function backwardRow(log: bool, n: i32, out: usize, g: usize, y: usize): void {
  const whole = <usize>(n & ~3) << 2;
  const tail = n & 3;
  let s: f64 = 0;
  for (let j: usize = 0; j < whole; j += 16) {
    const gv = v128.load(g + j);
    s = addLanes(s, log ? gv : f32x4.mul(gv, v128.load(y + j)));
  }
  if (tail) {
    const gv = loadTail(g + whole, tail, 0);
    s = addTail(s, log ? gv : f32x4.mul(gv, loadTail(y + whole, tail, 0)), tail);
  }
  const sum = f32x4.splat(<f32>s);
  for (let j: usize = 0; j < whole; j += 16) {
    const gv = v128.load(g + j);
    const yv = v128.load(y + j);
    v128.store(out + j, log ? f32x4.sub(gv, f32x4.mul(expv(yv), sum)) : f32x4.mul(yv, f32x4.sub(gv, sum)));
  }
  if (tail) {
    const gv = loadTail(g + whole, tail, 0);
    const yv = loadTail(y + whole, tail, 0);
    storeTail(out + whole, tail, log ? f32x4.sub(gv, f32x4.mul(expv(yv), sum)) : f32x4.mul(yv, f32x4.sub(gv, sum)));
  }
}

/**
 * `rows` rows of `n` floats, each laid out contiguously from its operand's start: out = kind(a) for the
 * forward kinds, kind(a = gradient, b = output) for the backward ones.
 */
export function softmaxRows(kind: i32, rows: i32, n: i32, out: usize, a: usize, b: usize): void {
  const bytes = <usize>n << 2;
  for (let r = 0; r < rows; r++, out += bytes, a += bytes, b += bytes) {
    switch (kind) {
      case SOFTMAX: forwardRow(false, n, out, a); break;
      case LOG_SOFTMAX: forwardRow(true, n, out, a); break;
      case SOFTMAX_BACKWARD: backwardRow(false, n, out, a, b); break;
      case LOG_SOFTMAX_BACKWARD: backwardRow(true, n, out, a, b); break;
      default: unreachable();
    }
  }
}

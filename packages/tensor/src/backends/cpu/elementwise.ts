import type { AnyTypedArray } from '../../dtype.js';
import type { View } from '../../backend.js';
import { ELEMENTWISE, type ElementwiseOp } from '../../ops/elementwise-table.js';
import { coalesce, forEachRow, innerStrides } from './strided.js';
import { rowLoop } from './loops.js';
import { wasmElementwiseFor } from './wasm/select.js';
import { hasWasmKernel, mapWasm } from './wasm/elementwise-wasm.js';

type CpuView = View<AnyTypedArray>;

/** out[i] = value. */
export function fill(out: CpuView, value: number): void {
  const o = out.buffer;
  const v = out.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
  const walk = coalesce(out.shape, [out.strides]);
  const [so] = innerStrides(walk);
  forEachRow(walk, [out.offset], (b, n) => {
    if (so === 1) o.fill(v, b[0], b[0] + n);
    else for (let i = 0, p = b[0]; i < n; i++, p += so) o[p] = v;
  });
}

/** out[i] = x[i] with dtype conversion (bool: nonzero → 1; int32: truncation toward zero). */
export function copy(out: CpuView, x: CpuView): void {
  const o = out.buffer;
  const a = x.buffer;
  const toBool = out.dtype === 'bool' && x.dtype !== 'bool';
  const walk = coalesce(out.shape, [out.strides, x.strides]);
  const [so, sa] = innerStrides(walk);
  forEachRow(walk, [out.offset, x.offset], (b, n) => {
    let po = b[0];
    let pa = b[1];
    if (toBool) {
      for (let i = 0; i < n; i++, po += so, pa += sa) o[po] = a[pa] !== 0 ? 1 : 0;
    } else if (so === 1 && sa === 1 && o.constructor === a.constructor) {
      o.set(a.subarray(pa, pa + n), po);
    } else {
      for (let i = 0; i < n; i++, po += so, pa += sa) o[po] = a[pa];
    }
  });
}

/** True when a view steps through memory exactly like `ref` (same strides), so both can be walked flat. */
function sameLayout(v: CpuView, ref: CpuView): boolean {
  const s = v.strides;
  const r = ref.strides;
  for (let i = 0; i < r.length; i++) if (s[i] !== r[i] && ref.shape[i] !== 1) return false;
  return true;
}

/** Runs an op of the elementwise table over broadcast, strided inputs. */
export function map(op: ElementwiseOp, out: CpuView, inputs: readonly CpuView[], params: readonly number[]): void {
  if (out.dtype === 'float32' && hasWasmKernel(op)) {
    let size = 1;
    for (const d of out.shape) size *= d;
    const w = wasmElementwiseFor(size);
    if (w && mapWasm(w, op, out, inputs, params)) return;
  }
  const loop = rowLoop(op);
  const p0 = params.length > 0 ? params[0] : 0;
  const p1 = params.length > 1 ? params[1] : 0;
  const o = out.buffer;
  const arity = inputs.length;
  // unused operand slots repeat the first input with stride 0, so every op shares one loop signature
  const a = inputs[0];
  const b = arity > 1 ? inputs[1] : a;
  const c = arity > 2 ? inputs[2] : a;
  const flat = isContiguous(out) && sameLayout(a, out) && (arity < 2 || sameLayout(b, out)) && (arity < 3 || sameLayout(c, out));
  if (flat) {
    // the common case: fresh output, inputs of the same shape and layout
    let n = 1;
    for (const d of out.shape) n *= d;
    loop(o, out.offset, 1, a.buffer, a.offset, 1, b.buffer, b.offset, arity > 1 ? 1 : 0, c.buffer, c.offset, arity > 2 ? 1 : 0, n, p0, p1);
  } else {
    const zeros = out.shape.map(() => 0);
    const walk = coalesce(out.shape, [out.strides, a.strides, arity > 1 ? b.strides : zeros, arity > 2 ? c.strides : zeros]);
    const [so, sa, sb, sc] = innerStrides(walk);
    const offsets = [out.offset, a.offset, b.offset, c.offset];
    if (walk.shape.length === 1) {
      loop(o, offsets[0], so, a.buffer, offsets[1], sa, b.buffer, offsets[2], sb, c.buffer, offsets[3], sc, walk.shape[0], p0, p1);
    } else {
      forEachRow(walk, offsets, (base, n) => loop(o, base[0], so, a.buffer, base[1], sa, b.buffer, base[2], sb, c.buffer, base[3], sc, n, p0, p1));
    }
  }
  // bool results of arithmetic ops ('same' dtype on bool inputs) must stay 0/1
  if (out.dtype === 'bool' && ELEMENTWISE[op].result === 'same') {
    const w = coalesce(out.shape, [out.strides]);
    const [s] = innerStrides(w);
    forEachRow(w, [out.offset], (base, n) => {
      for (let i = 0, p = base[0]; i < n; i++, p += s) o[p] = o[p] !== 0 ? 1 : 0;
    });
  }
}

/** Row-major and gap-free. */
function isContiguous(v: CpuView): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    if (v.shape[i] !== 1 && v.strides[i] !== expected) return false;
    expected *= v.shape[i];
  }
  return true;
}

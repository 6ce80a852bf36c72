import type { AnyTypedArray } from '../../dtype.js';
import type { View } from '../../backend.js';
import { ELEMENTWISE, type ElementwiseOp } from '../../ops/elementwise-table.js';
import { coalesce, forEachRow, innerStrides } from './strided.js';
import { rowLoop } from './loops.js';

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

/** Runs an op of the elementwise table over broadcast, strided inputs. */
export function map(op: ElementwiseOp, out: CpuView, inputs: readonly CpuView[], params: readonly number[]): void {
  const loop = rowLoop(op);
  const p0 = params[0] ?? 0;
  const p1 = params[1] ?? 0;
  const o = out.buffer;
  // unused operand slots read element 0 of the output with stride 0, so every op shares one loop signature
  const views = [inputs[0] ?? out, inputs[1] ?? out, inputs[2] ?? out];
  const strides = views.map((v, k) => (k < inputs.length ? v.strides : v.shape.map(() => 0)));
  const walk = coalesce(out.shape, [out.strides, ...strides]);
  const [so, sa, sb, sc] = innerStrides(walk);
  const [a, b, c] = views.map((v) => v.buffer);
  const offsets = [out.offset, ...views.map((v) => v.offset)];
  forEachRow(walk, offsets, (base, n) => loop(o, base[0], so, a, base[1], sa, b, base[2], sb, c, base[3], sc, n, p0, p1));
  // bool results of arithmetic ops ('same' dtype on bool inputs) must stay 0/1
  if (out.dtype === 'bool' && ELEMENTWISE[op].result === 'same') {
    const w = coalesce(out.shape, [out.strides]);
    const [s] = innerStrides(w);
    forEachRow(w, [out.offset], (base, n) => {
      for (let i = 0, p = base[0]; i < n; i++, p += s) o[p] = o[p] !== 0 ? 1 : 0;
    });
  }
}

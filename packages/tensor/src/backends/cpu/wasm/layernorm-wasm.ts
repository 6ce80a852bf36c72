/**
 * Layer normalisation through the Wasm kernels (assembly/normalization.ts): blocks of whole rows are copied into the
 * module's memory (the elementwise driver's regions), computed, and copied out. Rows longer than a region, and
 * views that are not float32, are left to the op layer's composition.
 */
import type { AnyTypedArray } from '../../../dtype.js';
import type { LayerNormGradViews, LayerNormViews, View } from '../../../backend.js';
import { CHUNK, REGION, type ElementwiseEngine } from './elementwise-wasm.js';
import { stageRows, unstageRows } from './copy-rows.js';

type CpuView = View<AnyTypedArray>;

export interface LayerNormExports {
  layerNormRows(rows: number, n: number, x: number, w: number, b: number, out: number, mean: number, rstd: number, eps: number): void;
  layerNormBackwardRows(rows: number, n: number, dy: number, x: number, w: number, mean: number, rstd: number, dx: number, dw: number, db: number): void;
}

type Engine = ElementwiseEngine & { exports: LayerNormExports };

/** Float index of region k of the scratch: 0 the results, 1 x, 2 dy, 3 mean then rstd, 4 weight, 5 bias or dw, 6 db. */
const region = (w: Engine, k: number) => (w.scratch >> 2) + k * REGION;

/** Rows per block: as many as fit a region, and their means and rstds together in one. */
const blockRows = (n: number) => Math.min(Math.floor(CHUNK / n), CHUNK >> 1);

const floats = (v: CpuView) => v.buffer as Float32Array;
const rowStride = (v: CpuView) => (v.shape[0] > 1 ? v.strides[0] : v.shape[1]);

function fits(views: readonly (CpuView | null)[], n: number): boolean {
  return n <= CHUNK && views.every((v) => v === null || v.dtype === 'float32');
}

/** Copies rows r0 … r0 + rows − 1 of an [R, n] view (dense rows) into consecutive rows at float index `to`. */
function stageViewRows(mem: Float32Array, to: number, v: CpuView, r0: number, rows: number, n: number): void {
  stageRows(mem, to, floats(v), v.offset + r0 * rowStride(v), rows, n, rowStride(v));
}

function unstageViewRows(mem: Float32Array, from: number, v: CpuView, r0: number, rows: number, n: number): void {
  unstageRows(mem, from, floats(v), v.offset + r0 * rowStride(v), rows, n, rowStride(v));
}

/** A [n] or [R] view (stride 1 or any) copied to consecutive floats. */
function stageVector(mem: Float32Array, to: number, v: CpuView, start: number, count: number): void {
  const s = v.strides[0] ?? 1;
  const x = floats(v);
  if (s === 1) mem.set(x.subarray(v.offset + start, v.offset + start + count), to);
  else for (let i = 0; i < count; i++) mem[to + i] = x[v.offset + (start + i) * s];
}

function unstageVector(mem: Float32Array, from: number, v: CpuView, start: number, count: number): void {
  const s = v.strides[0] ?? 1;
  const y = floats(v);
  for (let i = 0; i < count; i++) y[v.offset + (start + i) * s] = mem[from + i];
}

/** The forward through the kernel; false (nothing done) where it does not take these views. */
export function layerNormWasm(w: Engine, a: LayerNormViews<AnyTypedArray>): boolean {
  const [R, n] = a.x.shape;
  if (!fits([a.out, a.mean, a.rstd, a.x, a.weight, a.bias], n)) return false;
  const mem = w.f32;
  const at = (k: number) => region(w, k);
  if (a.weight) stageVector(mem, at(4), a.weight, 0, n);
  if (a.bias) stageVector(mem, at(5), a.bias, 0, n);
  const per = blockRows(n);
  for (let r0 = 0; r0 < R; r0 += per) {
    const rows = Math.min(per, R - r0);
    stageViewRows(mem, at(1), a.x, r0, rows, n);
    w.exports.layerNormRows(rows, n, at(1) << 2, a.weight ? at(4) << 2 : 0, a.bias ? at(5) << 2 : 0, at(0) << 2, at(3) << 2, (at(3) + rows) << 2, a.eps);
    unstageViewRows(mem, at(0), a.out, r0, rows, n);
    unstageVector(mem, at(3), a.mean, r0, rows);
    unstageVector(mem, at(3) + rows, a.rstd, r0, rows);
  }
  return true;
}

/** The backward through the kernel; false (nothing done) where it does not take these views. */
export function layerNormBackwardWasm(w: Engine, g: LayerNormGradViews<AnyTypedArray>): boolean {
  const [R, n] = g.x.shape;
  if (!fits([g.dx, g.dweight, g.dbias, g.dout, g.x, g.weight, g.mean, g.rstd], n)) return false;
  const mem = w.f32;
  const at = (k: number) => region(w, k);
  if (g.weight) stageVector(mem, at(4), g.weight, 0, n);
  if (g.dweight) mem.fill(0, at(5), at(5) + n);
  if (g.dbias) mem.fill(0, at(6), at(6) + n);
  const per = blockRows(n);
  for (let r0 = 0; r0 < R; r0 += per) {
    const rows = Math.min(per, R - r0);
    stageViewRows(mem, at(1), g.x, r0, rows, n);
    stageViewRows(mem, at(2), g.dout, r0, rows, n);
    stageVector(mem, at(3), g.mean, r0, rows);
    stageVector(mem, at(3) + rows, g.rstd, r0, rows);
    w.exports.layerNormBackwardRows(
      rows, n, at(2) << 2, at(1) << 2, g.weight ? at(4) << 2 : 0, at(3) << 2, (at(3) + rows) << 2, at(0) << 2, g.dweight ? at(5) << 2 : 0, g.dbias ? at(6) << 2 : 0,
    );
    unstageViewRows(mem, at(0), g.dx, r0, rows, n);
  }
  if (g.dweight) unstageVector(mem, at(5), g.dweight, 0, n);
  if (g.dbias) unstageVector(mem, at(6), g.dbias, 0, n);
  return true;
}

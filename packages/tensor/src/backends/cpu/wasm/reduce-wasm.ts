/**
 * Sums over the outer dim (column sums) of float32 tensors through the Wasm kernel (assembly/reduce.ts): the
 * JS kernel walks such a sum down each column, one strided element at a time; the Wasm one adds whole rows,
 * four columns a vector, in float64 and in the JS kernel's order, so the results are the same bits. Blocks of
 * rows are copied into the module's memory as the elementwise driver does.
 */
import type { AnyTypedArray } from '../../../dtype.js';
import type { View } from '../../../backend.js';
import { splitDims } from '../strided.js';
import { CHUNK, REGION, type ElementwiseEngine } from './elementwise-wasm.js';

type CpuView = View<AnyTypedArray>;

export interface ReduceExports {
  sumColumns(rows: number, cols: number, x: number, rs: number, acc: number, first: number): void;
}

/** Columns per pass: their float64 sums fill part of one scratch region. */
const COLUMNS = 4096;

/**
 * out = x summed over `dims` through the Wasm kernel, where the sum runs over one outer dim of float32 rows that
 * are contiguous (the kept dims coalesce to one of stride 1). Returns false, having done nothing, otherwise.
 */
export function sumColumnsWasm(w: ElementwiseEngine & { exports: ReduceExports }, out: CpuView, x: CpuView, dims: readonly number[]): boolean {
  if (out.dtype !== 'float32' || x.dtype !== 'float32') return false;
  const { kept, red } = splitDims(out, x, dims);
  if (kept.shape.length !== 1 || red.shape.length !== 1) return false;
  const cols = kept.shape[0];
  const rows = red.shape[0];
  const [ko, kx] = [kept.strides[0][0], kept.strides[1][0]];
  const rs = red.strides[0][0];
  if (kx !== 1 || rs < cols || rows === 0 || cols === 0) return false;

  const mem = w.f32;
  const xAt = (w.scratch >> 2) + REGION; // staged rows
  const accAt = w.scratch + 4 * 4 * REGION; // float64 sums, in bytes
  const o = out.buffer;
  const a = x.buffer as Float32Array;
  for (let c0 = 0; c0 < cols; c0 += COLUMNS) {
    const cb = Math.min(COLUMNS, cols - c0);
    const per = Math.max(1, Math.floor(CHUNK / cb));
    for (let r0 = 0; r0 < rows; r0 += per) {
      const nr = Math.min(per, rows - r0);
      const off = x.offset + r0 * rs + c0;
      let stride = rs;
      if ((nr - 1) * rs + cb <= CHUNK) {
        mem.set(a.subarray(off, off + (nr - 1) * rs + cb), xAt);
      } else {
        for (let i = 0; i < nr; i++) mem.set(a.subarray(off + i * rs, off + i * rs + cb), xAt + i * cb);
        stride = cb;
      }
      w.exports.sumColumns(nr, cb, xAt << 2, stride, accAt, r0 === 0 ? 1 : 0);
    }
    const acc = new Float64Array(mem.buffer, accAt, cb);
    for (let j = 0, po = out.offset + c0 * ko; j < cb; j++, po += ko) o[po] = acc[j];
  }
  return true;
}

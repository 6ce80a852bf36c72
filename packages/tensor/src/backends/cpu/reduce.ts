import type { AnyTypedArray } from '../../dtype.js';
import type { ArgReduceOp, ReduceOp, ScanOp, View } from '../../backend.js';
import { coalesce, forEachRow, innerStrides, splitDims } from './strided.js';
import { sumColumnsWasm } from './wasm/reduce-wasm.js';
import { wasmElementwiseFor } from './wasm/select.js';

type CpuView = View<AnyTypedArray>;

const INIT: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/** Folds m elements of `a` from p stepping by s into acc. */
function fold(op: ReduceOp, a: AnyTypedArray, p: number, m: number, s: number, acc: number): number {
  switch (op) {
    case 'sum':
      for (let j = 0; j < m; j++, p += s) acc += a[p];
      return acc;
    case 'prod':
      for (let j = 0; j < m; j++, p += s) acc *= a[p];
      return acc;
    case 'max':
      for (let j = 0; j < m; j++, p += s) {
        const v = a[p];
        if (v !== v) return v;
        if (v > acc) acc = v;
      }
      return acc;
    case 'min':
      for (let j = 0; j < m; j++, p += s) {
        const v = a[p];
        if (v !== v) return v;
        if (v < acc) acc = v;
      }
      return acc;
  }
}

/** Reduces x over `dims` into out (x's shape with those dims set to 1). NaN propagates through max/min. */
export function reduce(op: ReduceOp, out: CpuView, x: CpuView, dims: readonly number[]): void {
  if (op === 'sum' && x.dtype === 'float32') {
    const w = wasmElementwiseFor(x.shape.reduce((p, d) => p * d, 1));
    if (w && sumColumnsWasm(w, out, x, dims)) return;
  }
  const o = out.buffer;
  const a = x.buffer;
  const { kept, red } = splitDims(out, x, dims);
  const empty = red.shape.some((d) => d === 0);
  const [rs] = innerStrides(red);
  const flatRed = red.shape.length === 1;
  const m = red.shape[0];
  const [ko, kx] = innerStrides(kept);
  const boolOut = out.dtype === 'bool';
  const redOffsets = [0];
  forEachRow(kept, [out.offset, x.offset], (b, n) => {
    for (let i = 0, po = b[0], px = b[1]; i < n; i++, po += ko, px += kx) {
      let acc = INIT[op];
      if (empty) {
        // nothing to fold
      } else if (flatRed) {
        acc = fold(op, a, px, m, rs, acc);
      } else {
        redOffsets[0] = px;
        forEachRow(red, redOffsets, (rb, len) => {
          if (acc === acc) acc = fold(op, a, rb[0], len, rs, acc);
        });
      }
      o[po] = boolOut ? (acc !== 0 ? 1 : 0) : acc;
    }
  });
}

/** Position of the first max/min along `dim` (NaN counts as the extreme, as in PyTorch). */
export function argReduce(op: ArgReduceOp, out: CpuView, x: CpuView, dim: number): void {
  const o = out.buffer;
  const a = x.buffer;
  const size = x.shape[dim];
  const step = x.strides[dim];
  const { kept } = splitDims(out, x, [dim]);
  const [ko, kx] = innerStrides(kept);
  const isMax = op === 'argmax';
  forEachRow(kept, [out.offset, x.offset], (b, n) => {
    for (let i = 0, po = b[0], px = b[1]; i < n; i++, po += ko, px += kx) {
      let best = a[px];
      let at = 0;
      if (best === best) {
        for (let j = 1, p = px + step; j < size; j++, p += step) {
          const v = a[p];
          if (v !== v) {
            at = j;
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            at = j;
          }
        }
      }
      o[po] = at;
    }
  });
}

/** Inclusive cumulative sum or product along `dim`. */
export function scan(op: ScanOp, out: CpuView, x: CpuView, dim: number): void {
  const o = out.buffer;
  const a = x.buffer;
  const size = x.shape[dim];
  const sx = x.strides[dim];
  const so = out.strides[dim];
  const outer = x.shape.map((d, i) => (i === dim ? 1 : d));
  const walk = coalesce(outer, [out.strides, x.strides]);
  const [wo, wx] = innerStrides(walk);
  forEachRow(walk, [out.offset, x.offset], (b, n) => {
    for (let i = 0, po0 = b[0], px0 = b[1]; i < n; i++, po0 += wo, px0 += wx) {
      let acc = op === 'cumsum' ? 0 : 1;
      for (let j = 0, po = po0, px = px0; j < size; j++, po += so, px += sx) {
        acc = op === 'cumsum' ? acc + a[px] : acc * a[px];
        o[po] = acc;
      }
    }
  });
}

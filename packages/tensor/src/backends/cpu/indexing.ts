import type { AnyTypedArray } from '../../dtype.js';
import type { View } from '../../backend.js';
import { coalesce, forEachRow, innerStrides } from './strided.js';

type CpuView = View<AnyTypedArray>;

function outOfRange(op: string, idx: number, dim: number, size: number): RangeError {
  return new RangeError(`${op}: index ${idx} is out of bounds for dimension ${dim} with size ${size}`);
}

/** out[p] = x[p with dim replaced by index[p]]; out and index share a shape. */
export function gather(out: CpuView, x: CpuView, dim: number, index: CpuView): void {
  const o = out.buffer;
  const a = x.buffer;
  const ix = index.buffer;
  const size = x.shape[dim];
  const step = x.strides[dim];
  const xStrides = x.strides.map((s, d) => (d === dim ? 0 : s));
  const walk = coalesce(out.shape, [out.strides, index.strides, xStrides]);
  const [so, si, sx] = innerStrides(walk);
  if (walk.shape.length <= 2 && si === 0) {
    // whole rows picked by one index each (indexSelect, an embedding lookup): read the index once a row
    const rows = walk.shape.length === 2 ? walk.shape[0] : 1;
    const n = walk.shape[walk.shape.length - 1];
    const [ro, ri, rx] = walk.shape.length === 2 ? walk.strides.map((st) => st[0]) : [0, 0, 0];
    for (let r = 0, po = out.offset, pi = index.offset, px = x.offset; r < rows; r++, po += ro, pi += ri, px += rx) {
      const k = ix[pi];
      if (k < 0 || k >= size) throw outOfRange('gather', k, dim, size);
      for (let i = 0, p = po, q = px + k * step; i < n; i++, p += so, q += sx) o[p] = a[q];
    }
    return;
  }
  forEachRow(walk, [out.offset, index.offset, x.offset], (b, n) => {
    for (let i = 0, po = b[0], pi = b[1], px = b[2]; i < n; i++, po += so, pi += si, px += sx) {
      const k = ix[pi];
      if (k < 0 || k >= size) throw outOfRange('gather', k, dim, size);
      o[po] = a[px + k * step];
    }
  });
}

/** out[p with dim replaced by index[p]] += src[p], for every p of index's shape; repeated indices accumulate. */
export function scatterAdd(out: CpuView, dim: number, index: CpuView, src: CpuView): void {
  const o = out.buffer;
  const s = src.buffer;
  const ix = index.buffer;
  const size = out.shape[dim];
  const step = out.strides[dim];
  const oStrides = out.strides.map((st, d) => (d === dim ? 0 : st));
  const walk = coalesce(index.shape, [oStrides, index.strides, src.strides]);
  const [so, si, ss] = innerStrides(walk);
  const boolOut = out.dtype === 'bool';
  if (!boolOut && walk.shape.length <= 2 && si === 0) {
    // whole rows added at one index each (indexAdd, an embedding's gradient): read the index once a row
    const rows = walk.shape.length === 2 ? walk.shape[0] : 1;
    const n = walk.shape[walk.shape.length - 1];
    const [ro, ri, rs] = walk.shape.length === 2 ? walk.strides.map((st) => st[0]) : [0, 0, 0];
    for (let r = 0, po = out.offset, pi = index.offset, ps = src.offset; r < rows; r++, po += ro, pi += ri, ps += rs) {
      const k = ix[pi];
      if (k < 0 || k >= size) throw outOfRange('scatterAdd', k, dim, size);
      for (let i = 0, p = po + k * step, q = ps; i < n; i++, p += so, q += ss) o[p] += s[q];
    }
    return;
  }
  forEachRow(walk, [out.offset, index.offset, src.offset], (b, n) => {
    for (let i = 0, po = b[0], pi = b[1], ps = b[2]; i < n; i++, po += so, pi += si, ps += ss) {
      const k = ix[pi];
      if (k < 0 || k >= size) throw outOfRange('scatterAdd', k, dim, size);
      const p = po + k * step;
      o[p] = boolOut ? (o[p] !== 0 || s[ps] !== 0 ? 1 : 0) : o[p] + s[ps];
    }
  });
}

/**
 * out (0-d) = −Σᵢ logp[i, target[i]] / N: the sum in float64 in row order, rounded to out's dtype, then divided —
 * the bits of gather, sum and div in turn (see Backend.nllLossMean).
 */
export function nllLossMean(out: CpuView, logp: CpuView, target: CpuView): boolean {
  const [n, c] = logp.shape;
  const [rs, cs] = logp.strides;
  const a = logp.buffer;
  const t = target.buffer;
  const ts = target.strides[0];
  let s = 0;
  for (let i = 0, p = logp.offset, q = target.offset; i < n; i++, p += rs, q += ts) {
    const k = t[q];
    if (k < 0 || k >= c) throw new RangeError(`meanCrossEntropy: target ${k} is out of bounds for ${c} classes`);
    s += a[p + k * cs];
  }
  const o = out.buffer;
  o[out.offset] = s; // rounded to the dtype, as a sum's result is stored
  o[out.offset] = o[out.offset] / -n;
  return true;
}

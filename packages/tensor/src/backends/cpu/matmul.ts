import type { AnyTypedArray } from '../../dtype.js';
import type { View } from '../../backend.js';
import { gemm, type NumericArray, type RowBias } from './gemm.js';

type CpuView = View<AnyTypedArray>;

/**
 * Batched matmul: loops the broadcast batch dims and hands each matrix pair to the blocked `gemm`; with `bias` (a
 * vector of out's last dim), adds it to every row of each product once the row is complete.
 */
export function matmul(out: CpuView, a: CpuView, b: CpuView, bias: CpuView | null = null): void {
  const nd = out.shape.length;
  const M = out.shape[nd - 2];
  const N = out.shape[nd - 1];
  const K = a.shape[nd - 1];
  const batch = out.shape.slice(0, nd - 2);
  const batches = batch.reduce((p, d) => p * d, 1);
  if (batches === 0) return;
  const rowBias: RowBias | null = bias && { array: bias.buffer as NumericArray, offset: bias.offset, stride: bias.strides[bias.strides.length - 1] };
  if (batches > 1) {
    const rs = foldedRowStride(a, batch, M);
    const os = foldedRowStride(out, batch, M);
    if (rs !== null && os !== null && os !== 0 && batch.every((d, i) => d === 1 || b.strides[i] === 0)) {
      // one matrix B for every batch (x @ weight.T on [batch, T, C]): all the batches' rows in one product, as
      // PyTorch folds them, so B is packed once and the product is big enough to share among threads. Each
      // element of C is the same sum in the same order, so the result is bitwise the same as batch by batch.
      gemm(
        batches * M, N, K,
        a.buffer as NumericArray, a.offset, rs, a.strides[nd - 1],
        b.buffer as NumericArray, b.offset, b.strides[nd - 2], b.strides[nd - 1],
        out.buffer as NumericArray, out.offset, os, out.strides[nd - 1], rowBias,
      );
      return;
    }
  }
  const counter = new Array<number>(batch.length).fill(0);
  let ao = a.offset;
  let bo = b.offset;
  let oo = out.offset;
  for (let t = 0; t < batches; t++) {
    gemm(
      M, N, K,
      a.buffer as NumericArray, ao, a.strides[nd - 2], a.strides[nd - 1],
      b.buffer as NumericArray, bo, b.strides[nd - 2], b.strides[nd - 1],
      out.buffer as NumericArray, oo, out.strides[nd - 2], out.strides[nd - 1], rowBias,
    );
    for (let d = batch.length - 1; d >= 0; d--) {
      counter[d]++;
      ao += a.strides[d];
      bo += b.strides[d];
      oo += out.strides[d];
      if (counter[d] < batch[d]) break;
      ao -= a.strides[d] * batch[d];
      bo -= b.strides[d] * batch[d];
      oo -= out.strides[d] * batch[d];
      counter[d] = 0;
    }
  }
}

/**
 * The stride between consecutive rows when the batch dims and the row dim of `v` walk its rows as one evenly spaced
 * sequence (a contiguous [batch…, M, K] tensor, or any view whose batch strides continue the row stride), or null.
 */
function foldedRowStride(v: CpuView, batch: readonly number[], M: number): number | null {
  const nd = v.shape.length;
  const rs = v.strides[nd - 2];
  let expected = M === 1 ? null : rs * M; // the stride the next dim out must have (any, while every dim so far is 1)
  let step: number | null = M === 1 ? null : rs;
  for (let d = batch.length - 1; d >= 0; d--) {
    if (batch[d] === 1) continue;
    const s = v.strides[d];
    if (expected === null) {
      // every dim inside is 1: this dim sets the spacing
      step = s;
    } else if (s !== expected) {
      return null;
    }
    expected = s * batch[d];
  }
  return step ?? rs;
}

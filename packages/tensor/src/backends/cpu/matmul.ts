import type { AnyTypedArray } from '../../dtype.js';
import type { View } from '../../backend.js';
import { gemm, type NumericArray } from './gemm.js';

type CpuView = View<AnyTypedArray>;

/** Batched matmul: loops the broadcast batch dims and hands each matrix pair to the blocked `gemm`. */
export function matmul(out: CpuView, a: CpuView, b: CpuView): void {
  const nd = out.shape.length;
  const M = out.shape[nd - 2];
  const N = out.shape[nd - 1];
  const K = a.shape[nd - 1];
  const batch = out.shape.slice(0, nd - 2);
  const batches = batch.reduce((p, d) => p * d, 1);
  if (batches === 0) return;
  const counter = new Array<number>(batch.length).fill(0);
  let ao = a.offset;
  let bo = b.offset;
  let oo = out.offset;
  for (let t = 0; t < batches; t++) {
    gemm(
      M, N, K,
      a.buffer as NumericArray, ao, a.strides[nd - 2], a.strides[nd - 1],
      b.buffer as NumericArray, bo, b.strides[nd - 2], b.strides[nd - 1],
      out.buffer as NumericArray, oo, out.strides[nd - 2], out.strides[nd - 1],
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

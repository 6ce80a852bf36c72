import { isFloat, promoteTypes } from '../dtype.js';
import { broadcastShapes, fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast, deviceOf, empty, viewOf } from './core.js';
import { elementwise } from './elementwise.js';
import { record } from './record.js';
import { unrecorded } from './unrecorded.js';
import { squeeze, transpose, unsqueeze } from './views.js';

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand gains (then loses) a dim,
 * 2-D·2-D is a matrix product, and higher ranks are batches of matrices whose batch dims broadcast.
 * Transposed or sliced operands are read in place.
 * @throws "matmul: shapes [3,4] and [5,6] cannot be multiplied (4 != 5)"
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const backend = deviceOf('matmul', [a, b]);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`matmul: both arguments need at least 1 dimension, but got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  if (a.dtype === 'bool' || b.dtype === 'bool') throw new TypeError('matmul: not implemented for bool tensors');
  const k1 = a.shape[a.ndim - 1];
  const k2 = b.shape[b.ndim === 1 ? 0 : b.ndim - 2];
  if (k1 !== k2) throw new Error(`matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${k1} != ${k2})`);
  const dtype = promoteTypes(a.dtype, b.dtype);
  const A = a.ndim === 1 ? unsqueeze(cast(a, dtype), 0) : cast(a, dtype);
  const B = b.ndim === 1 ? unsqueeze(cast(b, dtype), 1) : cast(b, dtype);
  const batch = broadcastShapes('matmul', A.shape.slice(0, -2), B.shape.slice(0, -2));
  const M = A.shape[A.ndim - 2];
  const N = B.shape[B.ndim - 1];
  const outShape = [...batch, M, N];
  const out = empty(backend, dtype, outShape, 'any', 'matmul');
  if (out.numel > 0) {
    backend.matmul(viewOf(out), viewOf(A, [...batch, M, k1]), viewOf(B, [...batch, k1, N]));
  }
  const result = record('matmul', [A, B], out);
  if (a.ndim === 1 && b.ndim === 1) return squeeze(result, [-2, -1]);
  if (a.ndim === 1) return squeeze(result, -2);
  if (b.ndim === 1) return squeeze(result, -1);
  return result;
}

/**
 * x·weightᵀ + bias, as `F.linear`: x [*, in], weight [out, in] (a layer's own layout), bias [out] or null; the
 * result is [*, out]. With a bias it is one recorded op and, where the backend has the kernel, one pass that adds
 * the bias to each row of the product as it is copied out — the bits of `x.matmul(weight.T).add(bias)`, which is
 * what it computes elsewhere (mixed dtypes, a 1-D x, a backend without the kernel).
 * @example const y = linear(x, fc.weight, fc.bias); // x [32, 30], weight [200, 30], bias [200] → [32, 200]
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (weight.ndim !== 2) throw new Error(`linear: expected weight of shape [out, in], got ${fmtShape(weight.shape)}`);
  const wt = transpose(weight, 0, 1);
  if (bias === null) return matmul(x, wt);
  if (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0]) {
    throw new Error(`linear: expected bias of shape ${fmtShape([weight.shape[0]])} for weight ${fmtShape(weight.shape)}, got ${fmtShape(bias.shape)}`);
  }
  const backend = deviceOf('linear', [x, weight, bias]);
  const dtype = x.dtype;
  const composed = () => elementwise('add', [matmul(x, wt), bias]);
  if (x.ndim < 2 || !isFloat(dtype) || weight.dtype !== dtype || bias.dtype !== dtype) return composed();
  const k = x.shape[x.ndim - 1];
  if (k !== weight.shape[1]) throw new Error(`linear: input ${fmtShape(x.shape)} and weight ${fmtShape(weight.shape)} cannot be multiplied (${k} != ${weight.shape[1]})`);
  const batch = x.shape.slice(0, -2);
  let out: Tensor | null = null;
  if (backend.matmulBias) {
    const kernelOut = empty(backend, dtype, [...batch, x.shape[x.ndim - 2], weight.shape[0]], 'any', 'linear');
    const done = kernelOut.numel === 0 || backend.matmulBias(viewOf(kernelOut), viewOf(x), viewOf(wt, [...batch, k, weight.shape[0]]), viewOf(bias));
    if (done) out = kernelOut;
    else kernelOut.storage.release();
  }
  // no kernel for these views: the two ops it stands for, recorded as this one
  out ??= unrecorded(composed, (r) => [r.storage]);
  return record('linear', [x, weight, bias], out);
}

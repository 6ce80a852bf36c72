import { promoteTypes } from '../dtype.js';
import { broadcastShapes, fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast, deviceOf, empty, viewOf } from './core.js';
import { record } from './record.js';
import { squeeze, unsqueeze } from './views.js';

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

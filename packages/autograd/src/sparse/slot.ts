import type { Tensor } from '@typegrad/tensor';
import type { RowSparseGrad } from './row-sparse.js';

// A tensor's `grad` is a dense Tensor; a row-sparse gradient is kept beside it, by tensor, until cleared
const SPARSE_GRADS = new WeakMap<Tensor, RowSparseGrad>();

/**
 * The row-sparse gradient that backward left on a leaf (a weight read by an `Embedding` with `sparse: true`), or
 * null. Such a leaf's `grad` stays null: the sparse gradient takes its place, as a sparse tensor takes `.grad`'s
 * place in PyTorch. `zeroGrad()` (of modules and optimizers) clears both.
 * @example const g = sparseGrad(embedding.weight); g?.indices // the rows the batch used
 */
export function sparseGrad(t: Tensor): RowSparseGrad | null {
  return SPARSE_GRADS.get(t) ?? null;
}

/**
 * Sets (or with null, clears) a leaf's row-sparse gradient.
 * @example setSparseGrad(weight, null); // what zeroGrad() does for sparse gradients
 */
export function setSparseGrad(t: Tensor, g: RowSparseGrad | null): void {
  if (g === null) SPARSE_GRADS.delete(t);
  else SPARSE_GRADS.set(t, g);
}


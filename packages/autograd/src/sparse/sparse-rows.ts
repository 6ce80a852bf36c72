/**
 * `indexSelect` along dim 0 whose gradient for the source is row-sparse: the op behind `Embedding` with
 * `sparse: true`, and its gradient rule, side by side.
 */
import { noGrad } from '../grad-mode.js';
import { record, tensor, type Tensor } from '@typegrad/tensor';
import type { GradRule } from '../rules/types.js';
import { readRows, RowSparseGrad } from './row-sparse.js';

/** Options of {@link sparseIndexSelect}. */
export interface SparseIndexSelectOptions {
  /** A row that gets no gradient (an Embedding's padding row): it is left out of the sparse gradient, as PyTorch leaves it. */
  paddingIdx?: number | null;
}

/**
 * Rows of `weight` picked by a 1-d int32 index, `weight.indexSelect(0, index)`, recorded so that backward gives
 * `weight` a {@link RowSparseGrad} over those rows instead of a dense gradient of its full size: a step then costs
 * the rows it used, however many rows `weight` has.
 * @example const rows = sparseIndexSelect(table, ids); // table [N, D], ids int32 [B] → [B, D]
 */
export function sparseIndexSelect(weight: Tensor, index: Tensor, options: SparseIndexSelectOptions = {}): Tensor {
  if (weight.ndim < 1) throw new Error('sparseIndexSelect: the source must have at least one dimension');
  const flat = index.reshape([-1]);
  const rows = noGrad(() => weight.indexSelect(0, flat));
  return record('sparseIndexSelect', [weight], rows, { index: flat, inputShape: weight.shape, paddingIdx: options.paddingIdx ?? null });
}

/** Its gradient: the output's gradient as the values of the rows it read (repeats add up when coalesced). */
export const sparseRules: Record<string, GradRule> = {
  sparseIndexSelect: (g, { saved: { index, inputShape, paddingIdx } }) => [withoutRow(new RowSparseGrad(index, g, inputShape), paddingIdx)],
};

/** The gradient without the entries of one row (read on the host), or as it is when there is none to drop. */
function withoutRow(g: RowSparseGrad, row: number | null): RowSparseGrad {
  if (row === null) return g;
  const ids = readRows(g.indices, 'sparseIndexSelect');
  const keep: number[] = [];
  ids.forEach((id, k) => {
    if (id !== row) keep.push(k);
  });
  if (keep.length === ids.length) return g;
  const at = tensor(keep, { dtype: 'int32', device: g.values.device });
  return new RowSparseGrad(g.indices.indexSelect(0, at), g.values.indexSelect(0, at), g.shape);
}

import type { Tensor } from '@typegrad/tensor';
import type { RowSparseGrad } from '../sparse/row-sparse.js';

/** What a gradient rule sees: the op's inputs, its output and the values the op saved for it. */
export interface GradContext {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  // the op decides what it saves; each rule reads its own keys
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly saved: Readonly<Record<string, any>>;
  /**
   * Whether each input needs a gradient (PyTorch's `ctx.needs_input_grad`): a rule may return null for the others
   * rather than compute what the engine would throw away (a constant's side of a product, a layer's input data).
   */
  readonly needsInputGrad: readonly boolean[];
}

/**
 * A gradient rule: given the gradient of the loss with respect to the op's output, the gradients with respect to
 * each input (null where an input gets none). Rules run with recording off and return tensors shaped like the inputs,
 * or, for an input read a few rows at a time (`sparseIndexSelect`), a {@link RowSparseGrad} over those rows.
 */
export type GradRule = (grad: Tensor, ctx: GradContext) => (Tensor | RowSparseGrad | null)[];

/** Sums a broadcast gradient back down to `shape` (leading dims and stretched size-1 dims). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (g.ndim === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  const summed = dims.length ? g.sum({ dim: dims, keepdim: true }) : g;
  return summed.reshape([...shape]);
}

/** Re-inserts reduced dims as size 1 so a reduction's gradient broadcasts against its input. */
export function keepDims(g: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let r = g;
  for (const d of [...dims].sort((a, b) => a - b)) r = r.unsqueeze(d);
  return r;
}

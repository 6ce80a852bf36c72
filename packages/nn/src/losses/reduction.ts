import type { Tensor } from '@typegrad/tensor';

/** How a loss combines per-element values: their mean (default), their sum, or not at all. */
export type Reduction = 'mean' | 'sum' | 'none';

export function reduce(loss: Tensor, reduction: Reduction = 'mean'): Tensor {
  switch (reduction) {
    case 'mean':
      return loss.mean();
    case 'sum':
      return loss.sum();
    case 'none':
      return loss;
    default:
      throw new Error(`loss: ${String(reduction)} is not a valid value for reduction (expected 'mean', 'sum' or 'none')`);
  }
}

export function sameShape(op: string, input: Tensor, target: Tensor): void {
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new Error(`${op}: target size [${target.shape.join(', ')}] must be the same as input size [${input.shape.join(', ')}]`);
  }
}

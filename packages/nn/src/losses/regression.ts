import type { Tensor } from '@typegrad/tensor';
import { reduce, sameShape, type Reduction } from './reduction.js';

/**
 * Mean squared error, as `F.mse_loss`.
 * @example mseLoss(pred, y) // mean((pred − y)²)
 */
export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  sameShape('mseLoss', input, target);
  const d = input.sub(target);
  return reduce(d.mul(d), opts.reduction);
}

/** Mean absolute error, as `F.l1_loss`. */
export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  sameShape('l1Loss', input, target);
  return reduce(input.sub(target).abs(), opts.reduction);
}

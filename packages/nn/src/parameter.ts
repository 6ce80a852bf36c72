import type { Tensor } from '@typegrad/tensor';

const PARAMETERS = new WeakSet<Tensor>();
const BUFFERS = new WeakMap<Tensor, { persistent: boolean }>();

/**
 * Marks a tensor as a trainable parameter (and makes it require grad): a Module finds it among its properties,
 * as PyTorch's `nn.Parameter`.
 * @example this.weight = parameter(zeros([out, in]));
 */
export function parameter(t: Tensor, requiresGrad = true): Tensor {
  if (requiresGrad) t.requiresGrad_(true);
  PARAMETERS.add(t);
  return t;
}

/** Marks a tensor as a buffer: state saved with the module but not trained (BatchNorm's running statistics). */
export function buffer(t: Tensor, persistent = true): Tensor {
  BUFFERS.set(t, { persistent });
  return t;
}

/** Whether a tensor was marked with {@link parameter}. @example isParameter(new Linear(2, 3).weight) // true */
export function isParameter(t: Tensor): boolean {
  return PARAMETERS.has(t);
}

/** Whether a tensor was marked with {@link buffer}. @example isBuffer(new BatchNorm1d(4).runningMean) // true */
export function isBuffer(t: Tensor): boolean {
  return BUFFERS.has(t);
}

export function isPersistentBuffer(t: Tensor): boolean {
  return BUFFERS.get(t)?.persistent ?? false;
}

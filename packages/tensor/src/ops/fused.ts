import type { Tensor } from '../tensor.js';
import { elementwiseInPlace } from './elementwise.js';

/**
 * In-place update kernels for optimizers: each is one pass over memory, where the same update written with
 * tensor ops takes a chain of passes and temporaries. Float tensors only; not recorded for differentiation (run
 * them under `noGrad`, as an optimizer's step does). Arguments broadcast to `self`'s shape.
 *
 * @example
 * // SGD with momentum: buf ← momentum·buf + (1 − dampening)·g;  p ← p − lr·buf
 * fused.scaleAdd_(buf, grad, momentum, 1 - dampening);
 * fused.scaleAdd_(p, buf, 1, -lr);
 */
export const fused = {
  /** self ← self·selfScale + other·otherScale. */
  scaleAdd_(self: Tensor, other: Tensor, selfScale: number, otherScale: number): Tensor {
    return elementwiseInPlace('scaleAdd', self, [other], [selfScale, otherScale]);
  },

  /** self ← self·selfScale + other²·otherScale (a running average of squares, as Adam's second moment). */
  scaleAddSquare_(self: Tensor, other: Tensor, selfScale: number, otherScale: number): Tensor {
    return elementwiseInPlace('scaleAddSquare', self, [other], [selfScale, otherScale]);
  },

  /**
   * Adam's parameter update: param ← param − stepSize·expAvg / (√expAvgSq + eps). With bias corrections
   * bc1 = 1 − β1ᵗ and bc2 = 1 − β2ᵗ, PyTorch's step is stepSize = lr·√bc2 / bc1 and eps = ε·√bc2.
   */
  adamStep_(param: Tensor, expAvg: Tensor, expAvgSq: Tensor, stepSize: number, eps: number): Tensor {
    return elementwiseInPlace('adamStep', param, [expAvg, expAvgSq], [stepSize, eps]);
  },
};

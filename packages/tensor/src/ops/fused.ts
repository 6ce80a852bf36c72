import { isFloat } from '../dtype.js';
import { fmtShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { deviceOf, viewOf } from './core.js';
import { checkInPlace, elementwiseInPlace } from './elementwise.js';

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

  /**
   * A whole Adam step for one parameter, in place: the moments' updates (`scaleAdd_`, `scaleAddSquare_` with
   * the betas) and then `adamStep_`. One pass over memory where the backend has a kernel for it (the CPU's,
   * for float32), else those three passes; the results are the same either way. All four tensors have one shape.
   */
  adam_(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, beta1: number, beta2: number, stepSize: number, eps: number): Tensor {
    const backend = deviceOf('adam_', [param, grad, expAvg, expAvgSq]);
    for (const t of [grad, expAvg, expAvgSq]) {
      if (!shapesEqual(t.shape, param.shape)) throw new Error(`adam_: expected tensors of shape ${fmtShape(param.shape)}, got ${fmtShape(t.shape)}`);
    }
    const writes = [param, expAvg, expAvgSq];
    for (const t of writes) checkInPlace('adam_', t);
    const hyper = [beta1, 1 - beta1, beta2, 1 - beta2, stepSize, eps];
    const sameFloat = [grad, ...writes].every((t) => isFloat(t.dtype) && t.dtype === param.dtype);
    if (sameFloat && backend.adamUpdate?.(viewOf(param), viewOf(grad), viewOf(expAvg), viewOf(expAvgSq), hyper)) {
      for (const t of writes) t.storage.version++;
      return param;
    }
    fused.scaleAdd_(expAvg, grad, beta1, 1 - beta1);
    fused.scaleAddSquare_(expAvgSq, grad, beta2, 1 - beta2);
    return fused.adamStep_(param, expAvg, expAvgSq, stepSize, eps);
  },
};

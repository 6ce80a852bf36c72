import { isFloat } from '../dtype.js';
import { fmtShape, normalizeDim, shapesEqual } from '../shape.js';
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

  /**
   * self[index[k]] += src[k] along `dim`, in place (repeated indices accumulate): `indexAdd` without its copy of
   * self, so a sparse optimizer's update of a few rows of a large embedding costs those rows only. src has self's
   * shape with dim of the index's length.
   * @example fused.indexAdd_(weight, 0, rows, deltas) // weight [N, D], rows int32 [k], deltas [k, D]
   */
  indexAdd_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
    if (index.dtype !== 'int32') throw new TypeError(`indexAdd_: expected index to be an int32 tensor, but got ${index.dtype}`);
    if (index.ndim > 1) throw new Error(`indexAdd_: index must be 0-d or 1-d, got shape ${fmtShape(index.shape)}`);
    const backend = deviceOf('indexAdd_', [self, index, src]);
    checkInPlace('indexAdd_', self);
    const d = normalizeDim('indexAdd_', dim, self.ndim);
    const expected = self.shape.map((s, i) => (i === d ? index.numel : s));
    if (!shapesEqual(src.shape, expected)) {
      throw new Error(`indexAdd_: source shape ${fmtShape(src.shape)} must be ${fmtShape(expected)} (self ${fmtShape(self.shape)} with dim ${d} of the index's length)`);
    }
    if (src.numel === 0) return self;
    // the index, read once per slice: the backend's scatterAdd writes into self's own memory
    const idx = index.reshape(expected.map((s, i) => (i === d ? s : 1))).expand(expected);
    backend.scatterAdd(viewOf(self), d, viewOf(idx), viewOf(src.dtype === self.dtype ? src : src.to(self.dtype)));
    self.storage.version++;
    return self;
  },
};

import { fullLike, stack, Tensor, tensor } from '@typegrad/tensor';
import { noGrad, setSparseGrad, sparseGrad } from '@typegrad/autograd';

/** Options of {@link clipGradNorm}. @example { normType: 'inf' } */
export interface ClipGradNormOptions {
  /** The p of the p-norm: a positive number, or `'inf'` / `Infinity` for the largest absolute value. Default 2. */
  normType?: number | 'inf';
}

/**
 * Rescales gradients in place so that their norm, taken over all of them together as one vector, is at most
 * `maxNorm`, as `torch.nn.utils.clip_grad_norm_`: each grad is multiplied by min(1, maxNorm / (total + 1e-6)).
 * Parameters without a gradient are skipped; a row-sparse gradient (an `Embedding` with `sparse: true`) counts
 * and is scaled by its rows, each row once (it is coalesced). Returns the total norm before clipping as a 0-d tensor; it stays on
 * the device (no read), so `await total.item()` only if you want to log it.
 *
 * @example
 * loss.backward();
 * const total = clipGradNorm(model.parameters(), 1.0);
 * optimizer.step();
 */
export function clipGradNorm(params: Iterable<Tensor> | Tensor, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const normType = options.normType ?? 2;
  const p = normType === 'inf' ? Infinity : normType;
  if (typeof p !== 'number' || !(p > 0)) throw new RangeError(`clipGradNorm: normType must be a positive number or 'inf' (got ${String(normType)})`);
  const list = params instanceof Tensor ? [params] : [...params];
  const grads = list.map((t) => t.grad ?? sparseRows(t)).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return tensor(0);
  return noGrad(() => {
    const norms = grads.map((g) => vectorNorm(g, p));
    const total = p === Infinity && norms.length === 1 ? norms[0] : vectorNorm(stack(norms), p);
    // multiply even when the coefficient clamps to 1: deciding on the host would need a read from the device
    const coef = fullLike(total, maxNorm).div(total.add(1e-6)).clamp(null, 1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** The p-norm of all elements of x, as a 0-d tensor. */
function vectorNorm(x: Tensor, p: number): Tensor {
  if (p === Infinity) return x.abs().amax();
  if (p === 1) return x.abs().sum();
  if (p === 2) return x.mul(x).sum().sqrt();
  return x.abs().pow(p).sum().pow(1 / p);
}

/** The values of a parameter's row-sparse gradient, made to hold each row once (so their norm is the gradient's). */
function sparseRows(t: Tensor): Tensor | null {
  const g = sparseGrad(t);
  if (g === null) return null;
  const coalesced = noGrad(() => g.coalesce());
  setSparseGrad(t, coalesced);
  return coalesced.values;
}

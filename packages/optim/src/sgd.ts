import { sparseGrad } from '@typegrad/autograd';
import { fused, type Tensor } from '@typegrad/tensor';
import { definedOptions, Optimizer, type ParamGroup, type Params } from './optimizer.js';

/**
 * Options of {@link SGD}; each parameter group may override any of them.
 * @example { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 }
 */
export interface SGDOptions {
  /** Learning rate. Default 1e-3 (PyTorch 2.2+; 1.x had no default). */
  lr: number;
  /** Momentum factor; 0 turns momentum off. Default 0. */
  momentum: number;
  /** Dampening of the momentum: the new gradient enters the buffer scaled by (1 − dampening). Default 0. */
  dampening: number;
  /** L2 penalty added to the gradient (`grad + weightDecay · param`). Default 0. */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent, optionally with momentum, as `torch.optim.SGD`. For each parameter with a gradient g:
 *
 * - g ← −g if maximize; g ← g + weightDecay · p if weightDecay ≠ 0
 * - with momentum μ: b ← g on the first step, else b ← μ · b + (1 − dampening) · g; then g ← g + μ · b (nesterov)
 *   or g ← b
 * - p ← p − lr · g
 *
 * The momentum buffer is kept in `state` as `momentum_buffer`. Row-sparse gradients (an `Embedding` with
 * `sparse: true`) are applied to their rows only, p[rows] ← p[rows] − lr · g, in groups without momentum or weight
 * decay (which would touch every row).
 *
 * @example
 * const optimizer = new SGD([w, b], { lr: 0.1, momentum: 0.9 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class SGD extends Optimizer<SGDOptions> {
  static override readonly typeName = 'SGD';

  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(params, { ...DEFAULTS, ...definedOptions(options) });
  }

  protected override validateGroup(group: ParamGroup<SGDOptions>): void {
    super.validateGroup(group);
    if (!(group.momentum >= 0)) throw new RangeError(`SGD: Invalid momentum value: ${group.momentum}`);
    if (!(group.weightDecay >= 0)) throw new RangeError(`SGD: Invalid weight_decay value: ${group.weightDecay}`);
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0)) {
      throw new Error('SGD: Nesterov momentum requires a momentum and zero dampening');
    }
  }

  protected override acceptsSparseGradients(group: ParamGroup<SGDOptions>): boolean {
    const sparse = group.params.some((p) => sparseGrad(p) !== null);
    if (sparse && (group.momentum !== 0 || group.weightDecay !== 0)) {
      throw new Error('SGD: sparse gradients are supported without momentum and weight decay only (both would touch every row)');
    }
    return true;
  }

  protected updateGroup(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    for (const p of group.params) {
      const sparse = sparseGrad(p);
      // repeated rows need no coalescing here: the update is linear, and repeats add up
      if (sparse !== null) fused.indexAdd_(p, 0, sparse.indices, sparse.values.mul(maximize ? lr : -lr));
      const grad = p.grad;
      if (grad === null) continue;
      // `d` is either the gradient itself, the momentum buffer, or a temporary this step owns (and may overwrite)
      let d: Tensor = maximize ? grad.neg() : grad;
      if (weightDecay !== 0) d = d === grad ? p.mul(weightDecay).add_(d) : fused.scaleAdd_(d, p, 1, weightDecay);
      if (momentum !== 0) {
        const state = this.stateOf(p);
        let buf = state.momentum_buffer as Tensor | undefined;
        if (buf === undefined) {
          buf = d === grad ? d.clone() : d;
          state.momentum_buffer = buf;
        } else {
          fused.scaleAdd_(buf, d, momentum, 1 - dampening);
        }
        d = nesterov ? (d === grad ? buf.mul(momentum).add_(d) : fused.scaleAdd_(d, buf, 1, momentum)) : buf;
      }
      fused.scaleAdd_(p, d, 1, -lr);
    }
  }
}

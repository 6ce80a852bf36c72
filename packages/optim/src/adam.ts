import { fused, zerosLike, type Tensor } from '@typegrad/tensor';
import { definedOptions, Optimizer, type ParamGroup, type ParamState, type Params } from './optimizer.js';

/**
 * Options of {@link Adam} and {@link AdamW}; each parameter group may override any of them.
 * @example { lr: 3e-4, betas: [0.9, 0.95], weightDecay: 0.1 }
 */
export interface AdamOptions {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Decay rates of the running averages of the gradient and of its square. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps: number;
  /** Adam: L2 penalty added to the gradient. AdamW: decoupled decay, p ← p · (1 − lr · weightDecay). Default 0 (Adam), 0.01 (AdamW). */
  weightDecay: number;
  /** Use the maximum of all second-moment averages so far (AMSGrad). Default false. */
  amsgrad: boolean;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

/** The shared core of Adam and AdamW; `decoupled` says how weight decay applies. */
abstract class AdamBase extends Optimizer<AdamOptions> {
  protected abstract readonly decoupled: boolean;

  protected override validateGroup(group: ParamGroup<AdamOptions>): void {
    super.validateGroup(group);
    if (!(group.eps >= 0)) throw new RangeError(`${this.name}: Invalid epsilon value: ${group.eps}`);
    const betas = group.betas;
    if (!Array.isArray(betas) || betas.length !== 2) throw new TypeError(`${this.name}: betas must be a pair [beta1, beta2]`);
    betas.forEach((b, i) => {
      if (!(b >= 0 && b < 1)) throw new RangeError(`${this.name}: Invalid beta parameter at index ${i}: ${b}`);
    });
    if (!(group.weightDecay >= 0)) throw new RangeError(`${this.name}: Invalid weight_decay value: ${group.weightDecay}`);
  }

  protected updateGroup(group: ParamGroup<AdamOptions>): void {
    for (const p of group.params) {
      if (p.grad !== null) adamUpdate(p, p.grad, this.initState(p, group.amsgrad), group, this.decoupled);
    }
  }

  private initState(p: Tensor, amsgrad: boolean): ParamState {
    const state = this.stateOf(p);
    if (state.step === undefined) {
      state.step = 0;
      state.exp_avg = zerosLike(p);
      state.exp_avg_sq = zerosLike(p);
    }
    if (amsgrad && state.max_exp_avg_sq === undefined) state.max_exp_avg_sq = zerosLike(p);
    return state;
  }
}

/**
 * One Adam/AdamW step for one parameter, in place, in PyTorch's order of operations: one fused pass over memory
 * where the backend has it (`fused.adam_`), else three (first moment, second moment, parameter; always three with
 * AMSGrad, whose maximum comes between). A temporary only for maximize or Adam's L2 weight decay.
 */
function adamUpdate(p: Tensor, grad: Tensor, state: ParamState, options: AdamOptions, decoupled: boolean): void {
  const { lr, betas, eps, weightDecay, amsgrad, maximize } = options;
  const [beta1, beta2] = betas;
  const expAvg = state.exp_avg as Tensor;
  const expAvgSq = state.exp_avg_sq as Tensor;
  const step = (state.step as number) + 1;
  state.step = step;

  let g = maximize ? grad.neg() : grad;
  if (weightDecay !== 0) {
    if (decoupled) p.mul_(1 - lr * weightDecay);
    else g = g === grad ? p.mul(weightDecay).add_(g) : fused.scaleAdd_(g, p, 1, weightDecay);
  }
  // p ← p − (lr / bc1) · m / (√v / √bc2 + ε), i.e. p − (lr·√bc2 / bc1) · m / (√v + ε·√bc2)
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
  const stepSize = (lr * biasCorrection2Sqrt) / biasCorrection1;
  if (!amsgrad) {
    // m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  then p: one pass where the backend fuses them
    fused.adam_(p, g, expAvg, expAvgSq, beta1, beta2, stepSize, eps * biasCorrection2Sqrt);
    return;
  }
  fused.scaleAdd_(expAvg, g, beta1, 1 - beta1);
  fused.scaleAddSquare_(expAvgSq, g, beta2, 1 - beta2);
  const second = state.max_exp_avg_sq as Tensor;
  second.copy_(second.maximum(expAvgSq));
  fused.adamStep_(p, expAvg, second, stepSize, eps * biasCorrection2Sqrt);
}

/**
 * Adam, as `torch.optim.Adam` (Kingma & Ba, with optional AMSGrad). Per parameter, with t the step count:
 *
 * - g ← −g if maximize; g ← g + weightDecay · p if weightDecay ≠ 0 (L2 penalty)
 * - m ← β1 · m + (1 − β1) · g;  v ← β2 · v + (1 − β2) · g²;  with amsgrad, v̂ ← max(v̂, v) is used for v
 * - p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 *
 * State per parameter: `step` (a number), `exp_avg`, `exp_avg_sq` and with amsgrad `max_exp_avg_sq`.
 *
 * @example
 * const optimizer = new Adam(model.parameters(), { lr: 3e-4 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class Adam extends AdamBase {
  static override readonly typeName = 'Adam';

  protected readonly decoupled: boolean = false;

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { ...ADAM_DEFAULTS, ...definedOptions(options) });
  }
}

/**
 * AdamW, as `torch.optim.AdamW` (Loshchilov & Hutter): Adam whose weight decay shrinks the parameters directly,
 * p ← p · (1 − lr · weightDecay), before the Adam step, instead of adding a penalty to the gradient. The default
 * weightDecay is 0.01; the rest is {@link Adam}.
 *
 * @example
 * const optimizer = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.1 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class AdamW extends AdamBase {
  static override readonly typeName = 'AdamW';

  protected readonly decoupled: boolean = true;

  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { ...ADAM_DEFAULTS, weightDecay: 1e-2, ...definedOptions(options) });
  }
}

import { sparseGrad, type RowSparseGrad } from '@typegrad/autograd';
import { fused, zerosLike, type Tensor } from '@typegrad/tensor';
import { definedOptions, Optimizer, type ParamGroup, type ParamState, type Params } from './optimizer.js';

/**
 * Options of {@link SparseAdam}; each parameter group may override any of them.
 * @example { lr: 1e-2, betas: [0.9, 0.999] }
 */
export interface SparseAdamOptions {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Decay rates of the running averages of the gradient and of its square. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps: number;
  /** Ascend instead of descend. Default false. */
  maximize: boolean;
}

const DEFAULTS: SparseAdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, maximize: false };

/**
 * The lazy Adam of `torch.optim.SparseAdam`, for parameters with row-sparse gradients (an `Embedding` with
 * `sparse: true`): only the rows in the gradient have their moments and values updated, so a step costs the rows
 * a batch used, not the whole table. For each such row, with g its summed gradient and t the parameter's step count:
 *
 * - m ← m + (1 − β1)(g − m);  v ← v + (1 − β2)(g² − v)
 * - p ← p − (lr·√(1 − β2ᵗ) / (1 − β1ᵗ)) · m / (√v + ε)
 *
 * Rows a batch does not use keep their moments as they were (they do not decay), which is what makes it lazy. It has
 * no weight decay (PyTorch's has none): regularise the rows a batch uses in the loss instead. Dense gradients are
 * refused, as PyTorch refuses them; pair it with `Adam` for a model's dense parameters.
 *
 * State per parameter: `step` (a number), `exp_avg`, `exp_avg_sq`.
 *
 * @example
 * const optimizer = new SparseAdam(embeddings.parameters(), { lr: 1e-2 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class SparseAdam extends Optimizer<SparseAdamOptions> {
  static override readonly typeName = 'SparseAdam';

  constructor(params: Params<SparseAdamOptions>, options: Partial<SparseAdamOptions> = {}) {
    super(params, { ...DEFAULTS, ...definedOptions(options) });
  }

  protected override acceptsSparseGradients(): boolean {
    return true;
  }

  protected override validateGroup(group: ParamGroup<SparseAdamOptions>): void {
    if (!(group.lr > 0)) throw new RangeError(`SparseAdam: Invalid learning rate: ${group.lr}`);
    if (!(group.eps > 0)) throw new RangeError(`SparseAdam: Invalid epsilon value: ${group.eps}`);
    const betas = group.betas;
    if (!Array.isArray(betas) || betas.length !== 2) throw new TypeError('SparseAdam: betas must be a pair [beta1, beta2]');
    betas.forEach((b, i) => {
      if (!(b >= 0 && b < 1)) throw new RangeError(`SparseAdam: Invalid beta parameter at index ${i}: ${b}`);
    });
  }

  protected updateGroup(group: ParamGroup<SparseAdamOptions>): void {
    for (const p of group.params) {
      if (p.grad !== null) throw new Error('SparseAdam does not support dense gradients, please consider Adam instead');
      const grad = sparseGrad(p);
      if (grad === null) continue;
      const state = this.stateOf(p);
      if (state.step === undefined) {
        state.step = 0;
        state.exp_avg = zerosLike(p);
        state.exp_avg_sq = zerosLike(p);
      }
      state.step = (state.step as number) + 1;
      sparseAdamUpdate(p, grad, state, group);
    }
  }
}

/**
 * One lazy Adam step for the rows of one parameter, in PyTorch's order of operations: each moment moves by
 * (1 − β)(new − old) on the gradient's rows, and the parameter by the step written back into those rows only.
 */
function sparseAdamUpdate(p: Tensor, grad: RowSparseGrad, state: ParamState, options: SparseAdamOptions): void {
  const { lr, betas, eps, maximize } = options;
  const [beta1, beta2] = betas;
  const step = state.step as number;
  const expAvg = state.exp_avg as Tensor;
  const expAvgSq = state.exp_avg_sq as Tensor;
  // the update is not linear in the gradient, so each row must appear once
  const g = (maximize ? grad.mul(-1) : grad).coalesce();
  const rows = g.indices;
  const values = g.values;

  // each moment moves by (1 − β)(new − old) on the gradient's rows; the gathered copies then become the new rows
  const expAvgRows = expAvg.indexSelect(0, rows);
  const expAvgUpdate = values.sub(expAvgRows).mul_(1 - beta1);
  fused.indexAdd_(expAvg, 0, rows, expAvgUpdate);
  const expAvgSqRows = expAvgSq.indexSelect(0, rows);
  const expAvgSqUpdate = values.square().sub_(expAvgSqRows).mul_(1 - beta2);
  fused.indexAdd_(expAvgSq, 0, rows, expAvgSqUpdate);
  expAvgRows.add_(expAvgUpdate);
  expAvgSqRows.add_(expAvgSqUpdate);

  // p ← p − stepSize · m / (√v + ε) on those rows: adamStep_ applied to zeros gives the step itself, added in place
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = (lr * Math.sqrt(biasCorrection2)) / biasCorrection1;
  const change = fused.adamStep_(zerosLike(expAvgRows), expAvgRows, expAvgSqRows, stepSize, eps);
  fused.indexAdd_(p, 0, rows, change);
}

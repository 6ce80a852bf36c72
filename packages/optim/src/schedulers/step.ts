import type { LrOptions, Optimizer } from '../optimizer.js';
import { LRScheduler } from './scheduler.js';

/** Options of {@link StepLR}. @example { stepSize: 30, gamma: 0.1 } */
export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Factor applied at each decay. Default 0.1. */
  gamma?: number;
  /** See {@link LRScheduler}. Default -1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's rate by `gamma` every `stepSize` epochs, as `torch.optim.lr_scheduler.StepLR`:
 * lr = base · gamma^⌊epoch / stepSize⌋ (applied step by step to the group's current rate, as PyTorch does).
 *
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 }); // 0.1 for epochs 0–29, 0.01 for 30–59, …
 * for (let epoch = 0; epoch < 90; epoch++) {
 *   trainOneEpoch();
 *   scheduler.step();
 * }
 */
export class StepLR extends LRScheduler {
  static override readonly typeName = 'StepLR';

  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer<LrOptions>, options: StepLROptions) {
    super(optimizer, options.lastEpoch);
    if (!(Number.isInteger(options.stepSize) && options.stepSize > 0)) throw new RangeError(`StepLR: stepSize must be a positive integer (got ${options.stepSize})`);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected getLr(): number[] {
    const lrs = this.optimizer.paramGroups.map((g) => g.lr);
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return lrs;
    return lrs.map((lr) => lr * this.gamma);
  }
}

/** Options of {@link MultiStepLR}. @example { milestones: [30, 80], gamma: 0.1 } */
export interface MultiStepLROptions {
  /** Epochs at which to decay (a milestone listed twice decays twice). */
  milestones: readonly number[];
  /** Factor applied at each milestone. Default 0.1. */
  gamma?: number;
  /** See {@link LRScheduler}. Default -1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's rate by `gamma` when the epoch reaches each milestone, as
 * `torch.optim.lr_scheduler.MultiStepLR`: lr = base · gamma^(number of milestones ≤ epoch).
 *
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 * // lr 0.05 for epochs 0–29, 0.005 for 30–79, 0.0005 from 80
 */
export class MultiStepLR extends LRScheduler {
  static override readonly typeName = 'MultiStepLR';

  milestones: number[];
  gamma: number;

  constructor(optimizer: Optimizer<LrOptions>, options: MultiStepLROptions) {
    super(optimizer, options.lastEpoch);
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    const lrs = this.optimizer.paramGroups.map((g) => g.lr);
    return hits === 0 ? lrs : lrs.map((lr) => lr * this.gamma ** hits);
  }
}

/** Options of {@link stepDecay}. @example { after: 100_000, factor: 0.1 } */
export interface StepDecayOptions {
  /** The step (or steps) after which the rate is multiplied by `factor`. */
  after: number | readonly number[];
  /** Multiplier at each of those steps. Default 0.1. */
  factor?: number;
}

/**
 * The makemore lecture's schedule: the optimizer's rate until step `after`, then `factor` times it (0.1 then
 * 0.01 for an optimizer made with lr 0.1). Call `step()` once per training iteration, after `optimizer.step()`;
 * iteration i (counting from 0) trains with the first rate while i < after. A `MultiStepLR` underneath.
 *
 * @example
 * const optimizer = new SGD(parameters, { lr: 0.1 });
 * const scheduler = stepDecay(optimizer, { after: 100_000 }); // lr = 0.1 if i < 100000 else 0.01
 * for (let i = 0; i < 200_000; i++) {
 *   // forward, zeroGrad, backward
 *   optimizer.step();
 *   scheduler.step();
 * }
 */
export function stepDecay(optimizer: Optimizer<LrOptions>, options: StepDecayOptions): MultiStepLR {
  const milestones = typeof options.after === 'number' ? [options.after] : options.after;
  return new MultiStepLR(optimizer, { milestones, gamma: options.factor ?? 0.1 });
}

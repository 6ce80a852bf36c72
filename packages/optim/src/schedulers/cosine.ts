import type { LrOptions, Optimizer } from '../optimizer.js';
import { LambdaLR } from './lambda.js';
import { LRScheduler } from './scheduler.js';

/** Options of {@link CosineAnnealingLR}. @example { tMax: 100, etaMin: 1e-5 } */
export interface CosineAnnealingLROptions {
  /** Epochs from the base rate down to `etaMin` (half a cosine period). */
  tMax: number;
  /** The lowest rate. Default 0. */
  etaMin?: number;
  /** See {@link LRScheduler}. Default -1. */
  lastEpoch?: number;
}

/**
 * Anneals each group's rate along a cosine from its base rate to `etaMin` over `tMax` epochs, as
 * `torch.optim.lr_scheduler.CosineAnnealingLR`: lr = etaMin + (base − etaMin) · (1 + cos(π · epoch / tMax)) / 2.
 * Like PyTorch it applies this step by step to the group's current rate (so other changes to the rate carry
 * through), and past `tMax` it rises again (a full cosine period is 2·tMax).
 *
 * @example
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  static override readonly typeName = 'CosineAnnealingLR';

  tMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer<LrOptions>, options: CosineAnnealingLROptions) {
    super(optimizer, options.lastEpoch);
    if (!(options.tMax > 0)) throw new RangeError(`CosineAnnealingLR: tMax must be positive (got ${options.tMax})`);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    this.initialStep();
  }

  protected getLr(): number[] {
    const { tMax: T, etaMin: m, lastEpoch: t } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map((g) => g.lr);
    if (this.stepCount === 1 && t > 0) {
      // resuming at a later epoch: the closed form
      return this.baseLrs.map((base) => m + ((base - m) * (1 + Math.cos((t * Math.PI) / T))) / 2);
    }
    if ((t - 1 - T) % (2 * T) === 0) {
      // the bottom of the cosine, where the ratio below would divide by zero
      return groups.map((g, i) => g.lr + ((this.baseLrs[i] - m) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    const ratio = (1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T));
    return groups.map((g) => ratio * (g.lr - m) + m);
  }
}

/** Options of {@link cosineWithWarmup}. @example { warmupSteps: 2000, totalSteps: 600_000, minLr: 6e-5 } */
export interface CosineWithWarmupOptions {
  /** Steps of linear warmup from 0 to the base rate. */
  warmupSteps: number;
  /** The step at which the cosine reaches `minLr` (counted from the start, warmup included). */
  totalSteps: number;
  /** The rate at the end of the cosine and after it. Default 0. */
  minLr?: number;
}

/**
 * Linear warmup, then cosine decay to a minimum: the schedule of most transformer training. PyTorch has no single
 * scheduler for it; with base rate b, minimum m, W = warmupSteps and T = totalSteps, step t trains with
 *
 * - t < W: lr = b · t / W (from 0, reaching b at t = W)
 * - W ≤ t ≤ T: lr = m + (b − m) · (1 + cos(π · (t − W) / (T − W))) / 2
 * - t > T: lr = m
 *
 * (with W = 0 there is no warmup). This is Hugging Face's `get_cosine_schedule_with_warmup` with a floor.
 * Call `step()` once per iteration, after `optimizer.step()`. A {@link LambdaLR} underneath.
 *
 * @example
 * const optimizer = new AdamW(model.parameters(), { lr: 6e-4, weightDecay: 0.1 });
 * const scheduler = cosineWithWarmup(optimizer, { warmupSteps: 2000, totalSteps: 600_000, minLr: 6e-5 });
 */
export function cosineWithWarmup(optimizer: Optimizer<LrOptions>, options: CosineWithWarmupOptions): LambdaLR {
  const { warmupSteps: W, totalSteps: T, minLr = 0 } = options;
  if (!(Number.isInteger(W) && W >= 0)) throw new RangeError(`cosineWithWarmup: warmupSteps must be a non-negative integer (got ${W})`);
  if (!(Number.isInteger(T) && T > W)) throw new RangeError(`cosineWithWarmup: totalSteps must be an integer greater than warmupSteps (got ${T} and ${W})`);
  if (!(minLr >= 0)) throw new RangeError(`cosineWithWarmup: minLr must be non-negative (got ${minLr})`);
  const lambdas = optimizer.paramGroups.map((g) => {
    const base = g.initialLr ?? g.lr;
    return (t: number): number => {
      if (t < W) return t / W;
      if (base === 0) return 0;
      if (t > T) return minLr / base;
      const cosine = (1 + Math.cos((Math.PI * (t - W)) / (T - W))) / 2;
      return (minLr + (base - minLr) * cosine) / base;
    };
  });
  return new LambdaLR(optimizer, lambdas);
}

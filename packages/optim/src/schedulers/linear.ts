import type { LrOptions, Optimizer } from '../optimizer.js';
import { LRScheduler } from './scheduler.js';

/** Options of {@link LinearLR}. @example { startFactor: 0.01, endFactor: 1, totalIters: 500 } */
export interface LinearLROptions {
  /** Multiplier of the base rate at epoch 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Multiplier reached at `totalIters` and kept after, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Epochs over which the multiplier moves from start to end. Default 5. */
  totalIters?: number;
  /** See {@link LRScheduler}. Default -1. */
  lastEpoch?: number;
}

/**
 * Moves each group's rate linearly from `startFactor · base` to `endFactor · base` over `totalIters` epochs, then
 * holds it, as `torch.optim.lr_scheduler.LinearLR`: lr = base · (start + (end − start) · min(epoch, totalIters) /
 * totalIters). A small start factor is a warmup; start 1 and a smaller end factor is a linear decay.
 *
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.01, totalIters: 500 });  // ramps up to the base rate
 * const decay = new LinearLR(optimizer, { startFactor: 1, endFactor: 0, totalIters: 10_000 }); // down to 0
 */
export class LinearLR extends LRScheduler {
  static override readonly typeName = 'LinearLR';

  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: Optimizer<LrOptions>, options: LinearLROptions = {}) {
    super(optimizer, options.lastEpoch);
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = options;
    if (!(startFactor > 0 && startFactor <= 1)) throw new RangeError(`LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1 (got ${startFactor})`);
    if (!(endFactor >= 0 && endFactor <= 1)) throw new RangeError(`LinearLR: Ending multiplicative factor expected to be between 0 and 1 (got ${endFactor})`);
    if (!(Number.isInteger(totalIters) && totalIters > 0)) throw new RangeError(`LinearLR: totalIters must be a positive integer (got ${totalIters})`);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  // PyTorch's chainable form: each step scales the current rate by the ratio of consecutive factors
  protected getLr(): number[] {
    const lrs = this.optimizer.paramGroups.map((g) => g.lr);
    const { startFactor: s, endFactor: e, totalIters: n, lastEpoch: t } = this;
    if (t === 0) return lrs.map((lr) => lr * s);
    if (t > n) return lrs;
    return lrs.map((lr) => lr * (1 + (e - s) / (n * s + (t - 1) * (e - s))));
  }
}

import type { LrOptions, Optimizer } from '../optimizer.js';
import { LRScheduler } from './scheduler.js';

/** A multiplier of the base rate as a function of the epoch (or iteration), counting from 0. @example (epoch) => 0.95 ** epoch */
export type LrLambda = (epoch: number) => number;

/**
 * Sets each group's rate to its base rate times `lrLambda(epoch)`, as `torch.optim.lr_scheduler.LambdaLR`; give one
 * function for all groups or one per group. The functions are not part of `stateDict()`.
 *
 * @example
 * const scheduler = new LambdaLR(optimizer, (epoch) => 0.95 ** epoch);
 */
export class LambdaLR extends LRScheduler {
  static override readonly typeName = 'LambdaLR';

  private readonly lrLambdas: LrLambda[];

  constructor(optimizer: Optimizer<LrOptions>, lrLambda: LrLambda | readonly LrLambda[], options: { lastEpoch?: number } = {}) {
    super(optimizer, options.lastEpoch);
    const groups = optimizer.paramGroups.length;
    if (typeof lrLambda === 'function') {
      this.lrLambdas = Array.from({ length: groups }, () => lrLambda);
    } else {
      if (lrLambda.length !== groups) throw new Error(`LambdaLR: expected ${groups} lr_lambdas, but got ${lrLambda.length}`);
      this.lrLambdas = [...lrLambda];
    }
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i](this.lastEpoch));
  }
}

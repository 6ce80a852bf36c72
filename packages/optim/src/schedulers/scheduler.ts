import { typeNameOf, type LrOptions, type Optimizer } from '../optimizer.js';

/**
 * A scheduler's saved state: its counters, base and last rates, and its settings (never functions).
 * @example { lastEpoch: 4, stepCount: 5, baseLrs: [0.1], lastLr: [0.05], stepSize: 3, gamma: 0.5 }
 */
export type SchedulerStateDict = Record<string, unknown>;

/**
 * The base of the learning-rate schedulers, as PyTorch's `LRScheduler`: it remembers each group's starting rate
 * (`initialLr` on the group, PyTorch's `initial_lr`), and each `step()` advances `lastEpoch` and writes the next
 * rate into every group's `lr`. Construction already applies the rate for epoch 0.
 *
 * Call `scheduler.step()` after `optimizer.step()`, once per epoch or per iteration, as the schedule was designed.
 * A subclass sets its own fields, then calls `this.initialStep()` at the end of its constructor, and computes rates
 * in `getLr()` from `lastEpoch`, `baseLrs` and (for PyTorch's chainable forms) the groups' current `lr`.
 *
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   trainOneEpoch();
 *   scheduler.step();
 * }
 */
export abstract class LRScheduler {
  static readonly typeName: string = 'LRScheduler';

  /** The optimizer whose groups' `lr` this scheduler sets. */
  readonly optimizer: Optimizer<LrOptions>;
  /** Each group's rate when scheduling began (its `initialLr`). */
  baseLrs: number[];
  /** The index of the last epoch (or iteration) stepped to; -1 before construction's first step. */
  lastEpoch: number;
  /** How many times `step()` has run, construction's included. */
  stepCount = 0;
  /** The rates set by the last `step()`. */
  protected lastLr: number[] = [];

  /**
   * @param lastEpoch -1 to start afresh; otherwise the epoch being resumed from, which needs each group's
   * `initialLr` (restored with the optimizer's state dict).
   */
  constructor(optimizer: Optimizer<LrOptions>, lastEpoch = -1) {
    this.optimizer = optimizer;
    const groups = optimizer.paramGroups;
    if (lastEpoch === -1) {
      for (const g of groups) g.initialLr ??= g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw new Error(`${typeNameOf(this)}: param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** Applies the rate of the first epoch; subclasses call it once their fields are set. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The rates for `lastEpoch`, one per group. */
  protected abstract getLr(): number[];

  /** Advances one epoch (or iteration) and sets every group's `lr` to the scheduled rate. */
  step(): void {
    this.stepCount++;
    this.lastEpoch++;
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i];
    });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The rates the last `step()` set, one per group. @example scheduler.getLastLr() // [0.01] */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /**
   * The scheduler's state: counters, base and last rates, and its settings (functions, such as LambdaLR's, are not
   * saved). Save it with the optimizer's state dict to resume.
   * @example const saved = scheduler.stateDict(); // { lastEpoch: 4, stepCount: 5, baseLrs: [0.1], lastLr: [0.05], stepSize: 3, gamma: 0.5 }
   */
  stateDict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) {
      if (k === 'optimizer' || typeof v === 'function' || (Array.isArray(v) && v.some((e) => typeof e === 'function'))) continue;
      out[k] = Array.isArray(v) ? [...v] : v;
    }
    return out;
  }

  /**
   * Restores state saved by `stateDict()`. Keys this scheduler does not have are refused; the optimizer's rates
   * are not touched (they come back with the optimizer's state dict).
   * @example scheduler.loadStateDict(saved);
   */
  loadStateDict(saved: SchedulerStateDict): void {
    const own = this.stateDict();
    for (const k of Object.keys(saved)) {
      if (!(k in own)) throw new Error(`${typeNameOf(this)}.loadStateDict: unexpected key '${k}'`);
    }
    for (const [k, v] of Object.entries(saved)) (this as unknown as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  }
}

import { Tensor } from '@typegrad/tensor';
import type { LrOptions, Optimizer } from './optimizer.js';

/** Options of {@link findLearningRate}. @example { optimizer, trainStep: () => lossOfABatch(), minLr: 1e-4, maxLr: 10, steps: 500 } */
export interface FindLearningRateOptions {
  /** The optimizer to train with; every group's `lr` is set to the rate under test (and restored at the end). */
  optimizer: Optimizer<LrOptions>;
  /**
   * Computes the loss of one minibatch and returns it as a scalar tensor that requires grad (forward only). The
   * finder then runs `optimizer.zeroGrad()`, `loss.backward()` and `optimizer.step()` itself, and reads the value.
   * May be async (e.g. to load a batch).
   */
  trainStep: (step: number, lr: number) => Tensor | Promise<Tensor>;
  /** The first rate tried. Default 1e-3. */
  minLr?: number;
  /** The last rate tried. Default 1. */
  maxLr?: number;
  /** How many rates (and training steps). Default 1000. */
  steps?: number;
  /** β of the exponential moving average that smooths the losses (bias-corrected). Default 0.98. */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this many times its lowest value so far. Default 4. */
  divergenceFactor?: number;
}

/**
 * What {@link findLearningRate} measured: one entry per step that ran.
 * @example const { log10Lrs, losses, valley, diverged } = await findLearningRate({ optimizer, trainStep });
 */
export interface LrFinderResult {
  /** The rates used, exponentially spaced from minLr towards maxLr. */
  lrs: number[];
  /** log10 of each rate: the x axis of the lecture's plot. */
  log10Lrs: number[];
  /** The loss of each step, as trainStep returned it. */
  losses: number[];
  /** The losses smoothed without lag: a bias-corrected exponential moving average run forwards, then backwards. */
  smoothedLosses: number[];
  /** The rate at which the smoothed loss was lowest: a starting point; a rate somewhat below it is the safer pick. */
  valley: number;
  /** Whether the search stopped early because the loss diverged (or became NaN or infinite). */
  diverged: boolean;
  /** Why it stopped, in words. */
  stopReason: string;
}

/**
 * The learning-rate range test of the makemore lecture: trains for `steps` iterations with rates spaced evenly in
 * log space, lrs[i] = 10 ** (log10(minLr) + i · (log10(maxLr) − log10(minLr)) / (steps − 1)), records each step's
 * loss, and returns rates and losses to plot loss against log10(lr).
 *
 * Smoothing: an exponential moving average avg ← β · avg + (1 − β) · loss, divided by (1 − β^(i+1)) to remove the
 * start-up bias (β = `smoothing`). While running, this average decides when to stop: once it exceeds
 * `divergenceFactor` (4) times its lowest value so far, or a loss is NaN or infinite, the search stops and says so
 * (a non-negative loss is assumed). Afterwards the same average is run forwards and then backwards over the
 * recorded losses, which cancels its lag; `smoothedLosses` is that curve and `valley` the rate at its minimum.
 *
 * The model is trained along the way: re-initialise it (as the lecture does) or restore saved weights afterwards.
 * Each group's `lr` is put back as it was.
 *
 * @example
 * const optimizer = new SGD(parameters, { lr: 0.1 });
 * const result = await findLearningRate({
 *   optimizer,
 *   trainStep: () => {
 *     const ix = randint(0, Xtr.shape[0], [32]);
 *     return crossEntropy(model.forward(Xtr.index(ix)), Ytr.index(ix));
 *   },
 * });
 * plot(result.log10Lrs, result.losses); // the lecture found a valley near 0.1
 */
export async function findLearningRate(options: FindLearningRateOptions): Promise<LrFinderResult> {
  const { optimizer, trainStep, minLr = 1e-3, maxLr = 1, steps = 1000, smoothing = 0.98, divergenceFactor = 4 } = options;
  if (!(minLr > 0 && maxLr > minLr)) throw new RangeError(`findLearningRate: need 0 < minLr < maxLr (got ${minLr} and ${maxLr})`);
  if (!(Number.isInteger(steps) && steps >= 2)) throw new RangeError(`findLearningRate: steps must be an integer of at least 2 (got ${steps})`);
  if (!(smoothing >= 0 && smoothing < 1)) throw new RangeError(`findLearningRate: smoothing must be in [0, 1) (got ${smoothing})`);
  const lo = Math.log10(minLr);
  const hi = Math.log10(maxLr);
  const result: LrFinderResult = { lrs: [], log10Lrs: [], losses: [], smoothedLosses: [], valley: NaN, diverged: false, stopReason: `ran all ${steps} steps` };
  const savedLrs = optimizer.paramGroups.map((g) => g.lr);
  let avg = 0;
  let best = Infinity;
  try {
    for (let i = 0; i < steps; i++) {
      const exponent = lo + ((hi - lo) * i) / (steps - 1);
      const lr = 10 ** exponent;
      for (const g of optimizer.paramGroups) g.lr = lr;
      const loss = await trainStep(i, lr);
      if (!(loss instanceof Tensor) || loss.numel !== 1) {
        throw new TypeError('findLearningRate: trainStep must return the loss as a one-element tensor (the finder runs zeroGrad, backward and step)');
      }
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      const value = await loss.item();
      avg = smoothing * avg + (1 - smoothing) * value;
      const smoothed = avg / (1 - smoothing ** (i + 1));
      result.lrs.push(lr);
      result.log10Lrs.push(exponent);
      result.losses.push(value);
      if (!Number.isFinite(value)) {
        result.diverged = true;
        result.stopReason = `loss became ${value} at step ${i} (lr ${lr.toPrecision(3)})`;
        break;
      }
      best = Math.min(best, smoothed);
      if (smoothed > divergenceFactor * best) {
        result.diverged = true;
        result.stopReason = `smoothed loss ${smoothed.toPrecision(4)} exceeded ${divergenceFactor}x the best ${best.toPrecision(4)} at step ${i} (lr ${lr.toPrecision(3)})`;
        break;
      }
    }
  } finally {
    optimizer.paramGroups.forEach((g, i) => {
      g.lr = savedLrs[i];
    });
  }
  const finite = result.losses.filter(Number.isFinite).length; // a non-finite loss can only be the last
  const reversed = smoothCausal(smoothCausal(result.losses.slice(0, finite), smoothing).reverse(), smoothing);
  result.smoothedLosses = [...reversed.reverse(), ...result.losses.slice(finite)];
  let at = 0;
  for (let i = 1; i < finite; i++) if (result.smoothedLosses[i] < result.smoothedLosses[at]) at = i;
  result.valley = result.lrs[at];
  return result;
}

/** The bias-corrected exponential moving average of `values` with decay β. */
function smoothCausal(values: readonly number[], beta: number): number[] {
  let avg = 0;
  return values.map((v, i) => {
    avg = beta * avg + (1 - beta) * v;
    return avg / (1 - beta ** (i + 1));
  });
}

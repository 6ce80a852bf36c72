/**
 * How ratings are held out: a random cut (RMSE, as Surprise and fastai evaluate), the last ratings of each user in
 * time (ranking: predict what a user watches next), and k folds (RMSE with its spread).
 */
import { splitLengths } from '@typegrad/datasets';
import { Generator, randperm } from '@typegrad/tensor';
import type { Interactions } from './interactions.js';

/** Positions (into the full interactions) of the training and the held-out ratings. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** How a split was made, as checkpoints record it. */
export type SplitSpec =
  | { kind: 'random'; testFraction: number; seed: number }
  | { kind: 'temporal'; leaveOut: number }
  | { kind: 'kfold'; folds: number; fold: number; seed: number };

/** The split kinds the command line offers. */
export const SPLIT_KINDS = ['random', 'temporal', 'kfold'] as const;

/** A seeded permutation of 0…n−1: `torch.randperm(n, generator=torch.Generator().manual_seed(seed))`. */
function permutation(n: number, seed: number): Int32Array {
  return Int32Array.from(randperm(n, { generator: new Generator().manualSeed(seed), device: 'cpu' }).dataSync());
}

/**
 * A random cut, as `torch.utils.data.random_split(range(n), [1 − f, f], generator)` makes it: the same positions as
 * PyTorch for the same seed, so a Python reference can hold out the same ratings.
 * @example const { train, test } = randomSplit(100836, 0.2, 42); // 80,669 and 20,167 ratings
 */
export function randomSplit(n: number, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`randomSplit: the test fraction must be between 0 and 1, got ${testFraction}`);
  const [trainSize] = splitLengths(n, [1 - testFraction, testFraction]);
  const perm = permutation(n, seed);
  return { train: perm.slice(0, trainSize), test: perm.slice(trainSize) };
}

/**
 * Each user's last `leaveOut` ratings in time are held out (ties broken by position in the file); a user keeps at
 * least one rating for training, so one with n ≤ leaveOut ratings gives n − 1. What a ranking model is asked: from
 * what you have watched, what do you watch next?
 * @example const { train, test } = temporalSplit(all, 10); // 6,100 held out of ml-latest-small (610 users × 10)
 */
export function temporalSplit(data: Interactions, leaveOut: number): Split {
  if (!data.timestamps) throw new Error('temporalSplit: the ratings have no timestamps (a 4th column) to order them by');
  if (!(Number.isInteger(leaveOut) && leaveOut >= 1)) throw new RangeError(`temporalSplit: leaveOut must be a whole number ≥ 1, got ${leaveOut}`);
  const times = data.timestamps;
  const byUser: number[][] = Array.from({ length: data.numUsers }, () => []);
  for (let k = 0; k < data.length; k++) byUser[data.users[k]].push(k);
  const train: number[] = [];
  const test: number[] = [];
  for (const positions of byUser) {
    positions.sort((a, b) => times[a] - times[b] || a - b);
    const cut = positions.length - Math.min(leaveOut, positions.length - 1);
    for (let k = 0; k < positions.length; k++) (k < cut ? train : test).push(positions[k]);
  }
  return { train: Int32Array.from(train).sort(), test: Int32Array.from(test).sort() };
}

/**
 * Fold `fold` (0-based) of a k-fold cross-validation: a seeded permutation cut into k nearly equal parts; the fold's
 * part is held out, the rest trains. Every rating is held out by exactly one fold.
 * @example const folds = [0, 1, 2, 3, 4].map((f) => kFoldSplit(n, 5, f, 42));
 */
export function kFoldSplit(n: number, folds: number, fold: number, seed: number): Split {
  if (!(Number.isInteger(folds) && folds >= 2)) throw new RangeError(`kFoldSplit: folds must be a whole number ≥ 2, got ${folds}`);
  if (!(Number.isInteger(fold) && fold >= 0 && fold < folds)) throw new RangeError(`kFoldSplit: fold must be 0…${folds - 1}, got ${fold}`);
  const perm = permutation(n, seed);
  const start = Math.round((fold * n) / folds);
  const end = Math.round(((fold + 1) * n) / folds);
  const train = new Int32Array(n - (end - start));
  train.set(perm.subarray(0, start));
  train.set(perm.subarray(end), start);
  return { train, test: perm.slice(start, end) };
}

/** The split a spec describes. @example makeSplit(all, { kind: 'random', testFraction: 0.2, seed: 42 }) */
export function makeSplit(data: Interactions, spec: SplitSpec): Split {
  if (spec.kind === 'random') return randomSplit(data.length, spec.testFraction, spec.seed);
  if (spec.kind === 'temporal') return temporalSplit(data, spec.leaveOut);
  return kFoldSplit(data.length, spec.folds, spec.fold, spec.seed);
}

/** A split in words. @example describeSplit({ kind: 'random', testFraction: 0.2, seed: 42 }) // 'random 80/20 (seed 42)' */
export function describeSplit(spec: SplitSpec): string {
  if (spec.kind === 'random') return `random ${Math.round((1 - spec.testFraction) * 100)}/${Math.round(spec.testFraction * 100)} (seed ${spec.seed})`;
  if (spec.kind === 'temporal') return `each user's last ${spec.leaveOut} ratings held out`;
  return `fold ${spec.fold + 1} of ${spec.folds} (seed ${spec.seed})`;
}

/**
 * Splits stratified by source and label: every (source, label) group is shuffled by its own seeded permutation and
 * cut in the same proportions, so train, dev and test each hold every source and class in the data's shares. With
 * 3,000 sentences, one test split of 450 measures accuracy within about ±2 points; k-fold cross-validation trains k
 * models, each tested on a different fold, and averages them.
 */
import { Generator, randperm } from '@typegrad/tensor';
import type { LabelledText } from './examples.js';

/** Indices of the examples in each part, ascending. */
export interface Split {
  train: number[];
  dev: number[];
  test: number[];
}

/**
 * A split: `holdout` cuts each group train/dev/test by `fractions` (default 0.7/0.15/0.15); `kfold` deals each
 * group's shuffled examples round the `folds` folds, tests on fold `fold`, stops early on fold `fold + 1` (mod k)
 * and trains on the others (80/10/10 for 10 folds).
 * @example { kind: 'holdout', fractions: [0.7, 0.15, 0.15], seed: 42 }
 * @example { kind: 'kfold', folds: 10, fold: 3, seed: 42 }
 */
export type SplitSpec = { kind: 'holdout'; fractions: [number, number, number]; seed: number } | { kind: 'kfold'; folds: number; fold: number; seed: number };

/** The default split: 70/15/15, seed 42. */
export const DEFAULT_SPLIT: SplitSpec = { kind: 'holdout', fractions: [0.7, 0.15, 0.15], seed: 42 };

/**
 * The examples grouped by (source, label), groups in the order they first appear, each group's indices in a
 * seeded random order (one generator, seeded once, draws `randperm` for each group in turn: PyTorch's numbers).
 */
function shuffledGroups(examples: readonly LabelledText[], seed: number): number[][] {
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.source ?? ''}\u0000${e.label}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const generator = new Generator().manualSeed(seed);
  return [...groups.values()].map((group) => Array.from(randperm(group.length, { generator }).dataSync(), (k) => group[k]));
}

const ascending = (xs: number[]) => xs.sort((a, b) => a - b);

/**
 * The split of `examples` that `spec` describes.
 * @example const { train, dev, test } = makeSplit(data.examples, DEFAULT_SPLIT); // 2,100 / 450 / 450 of the shipped sentences
 */
export function makeSplit(examples: readonly LabelledText[], spec: SplitSpec): Split {
  const split: Split = { train: [], dev: [], test: [] };
  if (spec.kind === 'holdout') {
    const [a, b, c] = spec.fractions;
    if (!(a > 0 && b >= 0 && c > 0) || Math.abs(a + b + c - 1) > 1e-9) throw new RangeError(`makeSplit: fractions must be positive and sum to 1, got ${spec.fractions.join(', ')}`);
    for (const group of shuffledGroups(examples, spec.seed)) {
      const nTest = Math.round(group.length * c);
      const nDev = Math.round(group.length * b);
      split.test.push(...group.slice(0, nTest));
      split.dev.push(...group.slice(nTest, nTest + nDev));
      split.train.push(...group.slice(nTest + nDev));
    }
  } else {
    const { folds, fold } = spec;
    if (!Number.isInteger(folds) || folds < 3) throw new RangeError(`makeSplit: k-fold needs at least 3 folds (test, dev and train), got ${folds}`);
    if (!Number.isInteger(fold) || fold < 0 || fold >= folds) throw new RangeError(`makeSplit: fold must be 0 to ${folds - 1}, got ${fold}`);
    const dev = (fold + 1) % folds;
    // one running count across the groups, so the folds' sizes differ by at most one
    let dealt = 0;
    for (const group of shuffledGroups(examples, spec.seed)) {
      for (const i of group) {
        const f = dealt++ % folds;
        (f === fold ? split.test : f === dev ? split.dev : split.train).push(i);
      }
    }
  }
  ascending(split.train);
  ascending(split.dev);
  ascending(split.test);
  return split;
}

/** How a split reads in reports. @example describeSplit(DEFAULT_SPLIT) // 'stratified 70/15/15 (seed 42)' */
export function describeSplit(spec: SplitSpec): string {
  if (spec.kind === 'holdout') return `stratified ${spec.fractions.map((f) => Math.round(f * 100)).join('/')} (seed ${spec.seed})`;
  return `stratified ${spec.folds}-fold, fold ${spec.fold + 1} (seed ${spec.seed})`;
}

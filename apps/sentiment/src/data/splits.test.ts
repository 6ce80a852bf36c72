import { describe, expect, it } from 'vitest';
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { sentimentDataset } from './examples.js';
import { DEFAULT_SPLIT, describeSplit, makeSplit } from './splits.js';

const data = sentimentDataset((await loadSentimentSentences()).sentences);
const groupCounts = (indices: number[]) => {
  const counts: Record<string, number> = {};
  for (const i of indices) {
    const e = data.examples[i];
    counts[`${e.source}/${e.label}`] = (counts[`${e.source}/${e.label}`] ?? 0) + 1;
  }
  return counts;
};

describe('makeSplit', () => {
  it('holdout: 70/15/15 of every source and label, disjoint, covering, the same for the same seed', () => {
    const split = makeSplit(data.examples, DEFAULT_SPLIT);
    expect([split.train.length, split.dev.length, split.test.length]).toEqual([2100, 450, 450]);
    for (const part of [split.train, split.dev, split.test]) {
      const n = part.length / 6;
      expect(Object.values(groupCounts(part))).toEqual([n, n, n, n, n, n]);
    }
    expect(new Set([...split.train, ...split.dev, ...split.test]).size).toBe(3000);
    expect(makeSplit(data.examples, DEFAULT_SPLIT)).toEqual(split);
    expect(makeSplit(data.examples, { ...DEFAULT_SPLIT, seed: 1 }).test).not.toEqual(split.test);
    expect(split.test.slice(0, 5)).toEqual([...split.test].sort((a, b) => a - b).slice(0, 5));
    expect(describeSplit(DEFAULT_SPLIT)).toBe('stratified 70/15/15 (seed 42)');
  });

  it('kfold: the test folds partition the data, 50 of each group each, dev the next fold', () => {
    const seen = new Set<number>();
    const tests: number[][] = [];
    for (let fold = 0; fold < 10; fold++) {
      const split = makeSplit(data.examples, { kind: 'kfold', folds: 10, fold, seed: 42 });
      expect([split.train.length, split.dev.length, split.test.length]).toEqual([2400, 300, 300]);
      expect(Object.values(groupCounts(split.test))).toEqual([50, 50, 50, 50, 50, 50]);
      for (const i of split.test) seen.add(i);
      tests.push(split.test);
    }
    expect(seen.size).toBe(3000);
    expect(makeSplit(data.examples, { kind: 'kfold', folds: 10, fold: 3, seed: 42 }).dev).toEqual(tests[4]);
    expect(makeSplit(data.examples, { kind: 'kfold', folds: 10, fold: 9, seed: 42 }).dev).toEqual(tests[0]);
  });

  it('refuses fractions that do not sum to 1 and folds out of range', () => {
    expect(() => makeSplit(data.examples, { kind: 'holdout', fractions: [0.7, 0.2, 0.2], seed: 1 })).toThrow('fractions must be positive and sum to 1');
    expect(() => makeSplit(data.examples, { kind: 'kfold', folds: 2, fold: 0, seed: 1 })).toThrow('at least 3 folds');
    expect(() => makeSplit(data.examples, { kind: 'kfold', folds: 5, fold: 5, seed: 1 })).toThrow('fold must be 0 to 4');
  });
});

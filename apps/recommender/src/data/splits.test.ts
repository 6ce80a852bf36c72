import { parseRatings } from '@typegrad/datasets';
import { describe, expect, it } from 'vitest';
import { syntheticRatings } from '../testing/synthetic.js';
import { interactionsOf, subset } from './interactions.js';
import { describeSplit, kFoldSplit, makeSplit, randomSplit, temporalSplit } from './splits.js';

const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);

describe('splits', () => {
  it("random: random_split's sizes (the rounding remainder to training), disjoint, covering every rating, seeded", () => {
    const { train, test } = randomSplit(100_836, 0.2, 42);
    expect([train.length, test.length]).toEqual([80_669, 20_167]);
    expect(sorted(Int32Array.from([...train, ...test]))).toEqual(Array.from({ length: 100_836 }, (_, i) => i));
    expect(randomSplit(100_836, 0.2, 42).test).toEqual(test);
    expect(randomSplit(100_836, 0.2, 7).test).not.toEqual(test);
    // torch.randperm(10, generator=torch.Generator().manual_seed(42)) → [2, 6, 1, 8, 4, 5, 0, 9, 3, 7]
    expect(Array.from(randomSplit(10, 0.2, 42).train)).toEqual([2, 6, 1, 8, 4, 5, 0, 9]);
  });

  it("temporal: each user's last ratings in time held out, at least one kept for training", () => {
    const text = 'userId,movieId,rating,timestamp\n1,10,4,300\n1,11,3,100\n1,12,5,200\n2,10,2,50\n';
    const { train, test } = temporalSplit(interactionsOf(parseRatings(text)), 2);
    // user 1: times 300, 100, 200 → the last two (300 at 0, 200 at 2) held out; user 2 keeps its only rating
    expect(Array.from(test)).toEqual([0, 2]);
    expect(Array.from(train)).toEqual([1, 3]);
    expect(() => temporalSplit(interactionsOf(parseRatings('1,2,3\n')), 1)).toThrow('temporalSplit: the ratings have no timestamps');
  });

  it('k-fold: every rating held out by exactly one fold', () => {
    const n = 103;
    const held = Array.from({ length: 5 }, (_, f) => kFoldSplit(n, 5, f, 42));
    expect(held.map((s) => s.test.length)).toEqual([21, 20, 21, 20, 21]);
    expect(sorted(Int32Array.from(held.flatMap((s) => [...s.test])))).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const s of held) expect(s.train.length + s.test.length).toBe(n);
    expect(() => kFoldSplit(n, 5, 5, 42)).toThrow('kFoldSplit: fold must be 0…4, got 5');
  });

  it('makeSplit follows the spec, and subsets keep the table sizes', () => {
    const all = interactionsOf(syntheticRatings());
    const split = makeSplit(all, { kind: 'random', testFraction: 0.25, seed: 1 });
    const test = subset(all, split.test);
    expect(test.length).toBe(120);
    expect([test.numUsers, test.numItems]).toEqual([all.numUsers, all.numItems]);
    expect(test.ratings[0]).toBe(all.ratings[split.test[0]]);
    expect(describeSplit({ kind: 'random', testFraction: 0.2, seed: 42 })).toBe('random 80/20 (seed 42)');
    expect(describeSplit({ kind: 'temporal', leaveOut: 10 })).toBe("each user's last 10 ratings held out");
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtures } from './fixtures.js';
import { lectureSplit } from './lecture-split.js';
import { loadNames } from './loaders/files.js';

describe('lectureSplit', () => {
  it("reproduces the lecture's shuffled 80/10/10 split of the shipped names", async () => {
    const { names } = await loadNames();
    const { train, dev, test } = lectureSplit(names);
    const f = fixtures.lecture_split;
    expect(names.length).toBe(f.n);
    expect([train.length, dev.length, test.length]).toEqual([f.n1, f.n2 - f.n1, f.n - f.n2]);
    expect(train.slice(0, 5)).toEqual(f.first_train);
    expect(dev.slice(0, 5)).toEqual(f.first_dev);
    expect(test.slice(0, 5)).toEqual(f.first_test);
    expect(test[test.length - 1]).toBe(f.last);
    const all = [...train, ...dev, ...test].join('\n');
    expect(createHash('sha256').update(all).digest('hex')).toBe(f.sha256);
    expect(names[0]).toBe('emma'); // the input is left as it was
  });

  it('cuts without shuffling, and checks its cuts', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(lectureSplit(items, { shuffle: false })).toEqual({ train: [0, 1, 2, 3, 4, 5, 6, 7], dev: [8], test: [9] });
    expect(() => lectureSplit(items, { cuts: [0.9, 0.8] })).toThrow(/cuts/);
  });
});

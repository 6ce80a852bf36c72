import { describe, expect, it } from 'vitest';
import { broadcastShapes, broadcastStrides, checkShape, contiguousStrides, isContiguous, normalizeDim, normalizeDims } from './shape.js';

describe('shape arithmetic', () => {
  it('gives row-major strides', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });

  it('recognises contiguous layouts, ignoring size-1 dims', () => {
    expect(isContiguous([2, 3], [3, 1])).toBe(true);
    expect(isContiguous([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isContiguous([3, 2], [1, 3])).toBe(false);
  });

  it('broadcasts by aligning right', () => {
    expect(broadcastShapes('add', [3, 1], [1, 4])).toEqual([3, 4]);
    expect(broadcastShapes('add', [2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes('add', [], [5])).toEqual([5]);
    expect(broadcastShapes('add', [0, 1], [1, 3])).toEqual([0, 3]);
    expect(broadcastStrides([3, 1], [1, 1], [2, 3, 4])).toEqual([0, 1, 0]);
  });

  it('names the op and both shapes when broadcasting fails', () => {
    expect(() => broadcastShapes('add', [2, 3], [4])).toThrow('add: shapes [2,3] and [4] cannot be broadcast together (size 3 vs 4 at dim -1)');
  });

  it('normalises negative dims and rejects out-of-range ones', () => {
    expect(normalizeDim('sum', -1, 3)).toBe(2);
    expect(normalizeDim('sum', 0, 0)).toBe(0);
    expect(() => normalizeDim('sum', 3, 3)).toThrow('sum: dimension out of range (expected to be in range of [-3, 2], but got 3)');
    expect(normalizeDims('sum', [-1, 0], 3)).toEqual([0, 2]);
    expect(() => normalizeDims('sum', [1, -2], 3)).toThrow('dim 1 appears multiple times');
  });

  it('infers one -1 and rejects bad sizes', () => {
    expect(checkShape('view', [-1, 4], 12)).toEqual([3, 4]);
    expect(() => checkShape('view', [-1, -1], 12)).toThrow('only one dimension can be inferred');
    expect(() => checkShape('view', [5, -1], 12)).toThrow('view: shape [5,-1] is invalid for input of size 12');
    expect(() => checkShape('zeros', [2, 1.5])).toThrow('zeros: invalid size 1.5 at dim 1');
  });
});

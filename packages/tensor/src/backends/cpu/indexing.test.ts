import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from '../../index.js';

// Rows picked or added by one index each take a loop of their own (the embedding's lookup and gradient); the
// element-wise path serves the rest. Both check every index.
describe('CPU gather and scatter-add', () => {
  const idx = (v: number[]) => tensor(v, { dtype: 'int32' });

  it('picks whole rows (indexSelect) and single elements (gather) alike', () => {
    const table = arange(12).float().reshape(4, 3);
    expect(table.indexSelect(0, idx([3, 0, 3])).toArraySync()).toEqual([[9, 10, 11], [0, 1, 2], [9, 10, 11]]);
    expect(table.T.indexSelect(1, idx([1])).toArraySync()).toEqual([[3], [4], [5]]);
    expect(table.gather(1, tensor([[2], [0], [1], [1]], { dtype: 'int32' })).toArraySync()).toEqual([[2], [3], [7], [10]]);
  });

  it('adds rows at repeated indices in order (indexAdd), as the element-wise path does', () => {
    const src = arange(6).float().reshape(3, 2);
    expect(zeros([2, 2]).indexAdd(0, idx([1, 1, 0]), src).toArraySync()).toEqual([[4, 5], [2, 4]]);
    expect(zeros([2, 2]).scatterAdd(0, tensor([[1, 0], [1, 1]], { dtype: 'int32' }), src.slice(0, 0, 2)).toArraySync()).toEqual([[0, 1], [2, 3]]);
  });

  it('names the op, the index and the size when an index is out of range', () => {
    const table = arange(6).float().reshape(3, 2);
    expect(() => table.indexSelect(0, idx([0, 3]))).toThrow('gather: index 3 is out of bounds for dimension 0 with size 3');
    expect(() => table.gather(1, tensor([[0], [2], [1]], { dtype: 'int32' }))).toThrow('gather: index 2 is out of bounds for dimension 1 with size 2');
    expect(() => zeros([3, 2]).indexAdd(0, idx([-1]), tensor([[1, 1]]))).toThrow('scatterAdd: index -1 is out of bounds for dimension 0 with size 3');
  });
});

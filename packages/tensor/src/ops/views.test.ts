import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';
import { viewStrides } from './views.js';

describe('viewStrides', () => {
  it('reshapes contiguous memory freely', () => {
    expect(viewStrides([2, 6], [6, 1], [3, 4])).toEqual([4, 1]);
    expect(viewStrides([2, 6], [6, 1], [12])).toEqual([1]);
  });
  it('splits and merges dims of a transposed tensor only where memory allows', () => {
    // a [4,3] transposed to [3,4] (strides [1,3]) cannot be flattened, but its dims can be split
    expect(viewStrides([3, 4], [1, 3], [12])).toBeNull();
    expect(viewStrides([3, 4], [1, 3], [3, 2, 2])).toEqual([1, 6, 3]);
  });
  it('handles size-1 dims and empty tensors', () => {
    expect(viewStrides([1, 5], [100, 1], [5, 1])).toEqual([1, 1]);
    expect(viewStrides([0, 3], [3, 1], [3, 0])).toEqual([1, 1]);
  });
});

describeBackends('views share memory', ({ device }) => {
  const base = () => arange(0, 12, 1, { dtype: 'float32', device }).reshape([3, 4]);

  it('reshape, transpose, permute, expand and slice never copy', async () => {
    const x = base();
    for (const v of [x.reshape([4, 3]), x.T, x.permute(1, 0), x.slice(1, 0, 4, 2), x.unsqueeze(0).expand([2, 3, 4]), x.narrow(0, 1, 2)]) {
      expect(v.storage).toBe(x.storage);
    }
    await expectValues(x.slice(1, 0, 4, 2), [[0, 2], [4, 6], [8, 10]]);
    await expectValues(x.slice(1, -2), [[2, 3], [6, 7], [10, 11]]);
    await expectValues(x.T.slice(0, 1, 3), [[1, 5, 9], [2, 6, 10]]);
  });

  it('contiguous() copies only when needed', async () => {
    const x = base();
    expect(x.contiguous()).toBe(x);
    const t = x.T;
    expect(t.isContiguous()).toBe(false);
    const c = t.contiguous();
    expect(c.storage).not.toBe(x.storage);
    expect(c.isContiguous()).toBe(true);
    await expectValues(c, [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
  });

  it('reshape of a non-viewable layout copies, view refuses', async () => {
    const t = base().T;
    await expectValues(t.reshape([-1]), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(() => t.view([12])).toThrow(/view size is not compatible with input tensor's size and stride.*Use \.reshape\(\.\.\.\) instead/);
  });

  it('writes through a view reach the base tensor', async () => {
    const x = base();
    x.select(1, 0).fill_(-1);
    x.slice(0, 1, 2).mul_(10);
    await expectValues(x, [[-1, 1, 2, 3], [-10, 50, 60, 70], [-1, 9, 10, 11]]);
  });

  it('squeeze, unsqueeze, flatten, unflatten', async () => {
    const x = arange(6, undefined, 1, { device }).reshape([1, 2, 1, 3]);
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze(0).shape).toEqual([2, 1, 3]);
    expect(x.squeeze([0, 2]).shape).toEqual([2, 3]);
    expect(x.squeeze(1).shape).toEqual([1, 2, 1, 3]);
    expect(x.unsqueeze(-1).shape).toEqual([1, 2, 1, 3, 1]);
    expect(x.flatten().shape).toEqual([6]);
    expect(x.flatten(1).shape).toEqual([1, 6]);
    expect(x.flatten(1, 2).shape).toEqual([1, 2, 3]);
    expect(x.flatten().unflatten(0, [3, -1]).shape).toEqual([3, 2]);
    expect(tensor(5, { device }).flatten().shape).toEqual([1]);
  });

  it('reports bad view arguments clearly', () => {
    const x = base();
    expect(() => x.permute(0)).toThrow("permute: number of dims don't match: input has 2 dims but 1 were given ([0])");
    expect(() => x.permute(0, 0)).toThrow('permute: repeated dim in [0,0]');
    expect(() => x.expand([3, 5])).toThrow('expand: the expanded size of the tensor (5) must match the existing size (4) at non-singleton dimension 1. Target sizes: [3,5]. Tensor sizes: [3,4]');
    expect(() => x.narrow(1, 3, 2)).toThrow('narrow: start (3) + length (2) exceeds dimension size (4) of dim 1');
    expect(() => x.select(0, 3)).toThrow('select: index 3 is out of bounds for dimension 0 with size 3');
    expect(() => x.transpose(0, 2)).toThrow('transpose: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => x.reshape([5, -1])).toThrow('reshape: shape [5,-1] is invalid for input of size 12');
    expect(() => x.unsqueeze(0).t()).toThrow('t: expects a tensor with <= 2 dimensions, but self is 3D');
  });
});

describeBackends('view arguments that are no sizes or positions', ({ device }) => {
  const x = () => arange(0, 6, 1, { dtype: 'float32', device }).reshape([2, 3]);

  it('are refused rather than turned into another view', () => {
    expect(() => x().narrow(1, 0.5, 1)).toThrow("narrow: argument 'start' must be an integer, not 0.5");
    expect(() => x().narrow(1, 0, 1.5)).toThrow("narrow: argument 'length' must be an integer, not 1.5");
    expect(() => x().select(0, 0.5)).toThrow("select: argument 'index' must be an integer, not 0.5");
    expect(() => x().slice(1, 0.5, 3)).toThrow('slice: slice indices must be integers or null, but start is 0.5');
    expect(() => x().slice(1, 0, NaN)).toThrow('slice: slice indices must be integers or null, but end is NaN');
    expect(() => x().expand([2.5, 2, 3])).toThrow('expand: sizes must be integers, but size 2.5 at dim 0 is not ([2.5,2,3])');
    expect(() => x().expand([-2, 2, 3])).toThrow("expand: invalid size -2 at dim 0 of [-2,2,3] (sizes must be non-negative, or -1 to keep a dim's size)");
    expect(() => x().expand([2, NaN])).toThrow('expand: sizes must be integers, but size NaN at dim 1 is not ([2,NaN])');
  });
});

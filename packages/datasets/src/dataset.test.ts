import { tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { ArrayDataset, Subset, TensorDataset, hasGetBatch } from './dataset.js';

describe('TensorDataset', () => {
  const X = tensor([[0, 0, 5], [0, 5, 13], [5, 13, 13]], { dtype: 'int32' });
  const Y = tensor([13, 13, 1], { dtype: 'int32' });
  const ds = new TensorDataset(X, Y);

  it('returns rows by index and gathers batches', () => {
    expect(ds.length).toBe(3);
    const [x, y] = ds.get(1);
    expect(x.toArraySync()).toEqual([0, 5, 13]);
    expect(y.itemSync()).toBe(13);
    const [xb, yb] = ds.getBatch([2, 0]);
    expect(xb.toArraySync()).toEqual([[5, 13, 13], [0, 0, 5]]);
    expect(yb.toArraySync()).toEqual([1, 13]);
  });

  it('checks shapes and indices', () => {
    expect(() => new TensorDataset(X, tensor([1, 2]))).toThrow('size mismatch between tensors: tensor 0 has 3 rows, tensor 1 has 2');
    expect(() => new TensorDataset()).toThrow(/at least one tensor/);
    expect(() => ds.get(3)).toThrow('TensorDataset.get: index 3 is out of range for a data set of length 3');
    expect(() => ds.getBatch([0, -1])).toThrow(/index -1/);
  });
});

describe('Subset and ArrayDataset', () => {
  it('index through to the underlying data set', () => {
    const names = new ArrayDataset(['emma', 'olivia', 'ava']);
    const sub = new Subset(names, [2, 0]);
    expect([sub.length, sub.get(0), sub.get(1)]).toEqual([2, 'ava', 'emma']);
    expect(hasGetBatch(sub)).toBe(false);
    expect(() => new Subset(names, [3])).toThrow(/index 3/);
  });

  it('forward getBatch when the data set has one', () => {
    const ds = new TensorDataset(tensor([10, 11, 12, 13]));
    const sub = new Subset(ds, [3, 1]);
    expect(hasGetBatch(sub)).toBe(true);
    const [b] = sub.getBatch!([1, 0]) as ReturnType<TensorDataset['getBatch']>;
    expect(b.toArraySync()).toEqual([11, 13]);
  });
});

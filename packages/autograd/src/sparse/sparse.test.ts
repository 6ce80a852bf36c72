import { expect, it } from 'vitest';
import { randn, tensor, zeros, type Tensor } from '@typegrad/tensor';
import { describeBackends, expectValues, values } from '@typegrad/tensor/testing';
import { gradcheck, RowSparseGrad, setSparseGrad, sparseGrad, sparseIndexSelect } from '../index.js';

describeBackends('row-sparse gradients (sparseIndexSelect)', (b) => {
  const on = { device: b.device };
  const ids = (v: number[]) => tensor(v, { ...on, dtype: 'int32' });
  const table = () => tensor([[1, 2], [3, 4], [5, 6], [7, 8]], on).requiresGrad_();
  const weights = () => tensor([[1, 10], [100, 1000], [-1, -10]], on);

  /** The dense gradient the same lookup gives through indexSelect. */
  async function denseGradOf(index: number[], w: Tensor): Promise<number[]> {
    const t = table();
    t.indexSelect(0, ids(index)).mul(w).sum().backward();
    return values(t.grad!);
  }

  it('reads the rows indexSelect reads', async () => {
    await expectValues(sparseIndexSelect(table(), ids([3, 0, 3])), [[7, 8], [1, 2], [7, 8]]);
  });

  it('leaves the weight a gradient over the rows read, and grad null; dense it is indexSelect\'s gradient', async () => {
    const t = table();
    sparseIndexSelect(t, ids([2, 0, 2])).mul(weights()).sum().backward();
    expect(t.grad).toBeNull();
    const g = sparseGrad(t)!;
    expect(g).toBeInstanceOf(RowSparseGrad);
    expect(g.shape).toEqual([4, 2]);
    expect(await values(g.indices)).toEqual([2, 0, 2]);
    expect(await values(g.values)).toEqual([1, 10, 100, 1000, -1, -10]);
    expect(await values(g.toDense())).toEqual(await denseGradOf([2, 0, 2], weights()));
  });

  it('adds up the gradients of two lookups of one weight, and of two backward calls, as rows side by side', async () => {
    const t = table();
    sparseIndexSelect(t, ids([1])).sum().add(sparseIndexSelect(t, ids([1, 3])).mul(2).sum()).backward();
    const sorted = async (g: RowSparseGrad) => (await values(g.indices)).sort();
    expect(await sorted(sparseGrad(t)!)).toEqual([1, 1, 3]);
    sparseIndexSelect(t, ids([0])).sum().backward();
    const g = sparseGrad(t)!;
    expect(await sorted(g)).toEqual([0, 1, 1, 3]);
    expect(await values(g.toDense())).toEqual([1, 1, 3, 3, 0, 0, 2, 2]);
  });

  it('turns dense where a sparse gradient meets a dense one, in the same backward or a later one', async () => {
    const t = table();
    sparseIndexSelect(t, ids([2])).sum().add(t.mul(0.5).sum()).backward();
    expect(sparseGrad(t)).toBeNull();
    expect(await values(t.grad!)).toEqual([0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 0.5, 0.5]);

    const u = table();
    sparseIndexSelect(u, ids([0, 0])).sum().backward();
    u.sum().backward();
    expect(sparseGrad(u)).toBeNull();
    expect(await values(u.grad!)).toEqual([3, 3, 1, 1, 1, 1, 1, 1]);
    sparseIndexSelect(u, ids([3])).sum().backward(); // onto a dense grad: stays dense
    expect(sparseGrad(u)).toBeNull();
    expect(await values(u.grad!)).toEqual([3, 3, 1, 1, 1, 1, 2, 2]);
  });

  it('reaches a computed weight densely, through the ops that made it', async () => {
    const w = table();
    sparseIndexSelect(w.mul(3), ids([1, 1])).sum().backward();
    expect(sparseGrad(w)).toBeNull();
    expect(await values(w.grad!)).toEqual([0, 0, 6, 6, 0, 0, 0, 0]);
  });

  it('keeps its values apart from a gradient another leaf takes (an add passes one tensor to both sides)', async () => {
    const t = table();
    const x = zeros([2, 2], on).requiresGrad_();
    sparseIndexSelect(t, ids([0, 1])).add(x).mul(tensor([[1, 2], [3, 4]], on)).sum().backward();
    x.grad!.mul_(0);
    expect(await values(sparseGrad(t)!.values)).toEqual([1, 2, 3, 4]);
  });

  it('setSparseGrad(t, null) clears it', () => {
    const t = table();
    sparseIndexSelect(t, ids([0])).sum().backward();
    setSparseGrad(t, null);
    expect(sparseGrad(t)).toBeNull();
  });

  if (b.syncRead) {
    it('coalesce: each row once, ascending, repeats summed', async () => {
      const g = new RowSparseGrad(ids([3, 1, 3, 0]), tensor([[1, 1], [2, 2], [10, 10], [5, 5]], on), [4, 2]);
      const c = g.coalesce();
      expect(c.coalesced).toBe(true);
      expect(await values(c.indices)).toEqual([0, 1, 3]);
      expect(await values(c.values)).toEqual([5, 5, 2, 2, 11, 11]);
      expect(c.coalesce()).toBe(c);
      expect(await values(c.toDense())).toEqual(await values(g.toDense()));
    });

    it('gradcheck: the sparse gradient is the Jacobian of the lookup', () => {
      const w = randn([5, 3], { dtype: 'float64' }).requiresGrad_();
      const scale = randn([4, 3], { dtype: 'float64' });
      expect(gradcheck((x) => sparseIndexSelect(x, ids([4, 1, 4, 0])).mul(scale).tanh(), [w])).toBe(true);
    });
  }

  it('refuses values that do not fit the rows and shape', () => {
    expect(() => new RowSparseGrad(ids([0, 1]), zeros([3, 2], on), [4, 2])).toThrow('RowSparseGrad: values of shape [3, 2] do not hold 2 rows of a [4, 2] parameter');
    expect(() => new RowSparseGrad(tensor([0], on), zeros([1, 2], on), [4, 2])).toThrow('RowSparseGrad: indices must be a 1-d int32 tensor, got float32 [1]');
  });
});

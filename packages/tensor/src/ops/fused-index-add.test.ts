import { expect, it } from 'vitest';
import { fused, tensor, zeros } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

describeBackends('fused.indexAdd_', (b) => {
  const on = { device: b.device };
  const rows = (values: number[]) => tensor(values, { ...on, dtype: 'int32' });

  it('adds rows of src into self in place, repeats accumulating, other rows untouched', async () => {
    const w = tensor([[1, 1], [2, 2], [3, 3], [4, 4]], on);
    const before = w.storage.version;
    expect(fused.indexAdd_(w, 0, rows([2, 0, 2]), tensor([[10, 20], [1, 2], [100, 200]], on))).toBe(w);
    await expectValues(w, [[2, 3], [2, 2], [113, 223], [4, 4]], b.tol);
    expect(w.storage.version).toBe(before + 1);
  });

  it('writes through a view into its base, along any dim', async () => {
    const base = zeros([2, 3], on);
    fused.indexAdd_(base.T, 0, rows([1]), tensor([[5, 6]], on));
    await expectValues(base, [[0, 5, 0], [0, 6, 0]], b.tol);
    fused.indexAdd_(base, 1, rows([2, 2]), tensor([[1, 1], [2, 2]], on));
    await expectValues(base, [[0, 5, 2], [0, 6, 4]], b.tol);
  });

  it('matches the out-of-place indexAdd', async () => {
    const w = tensor([[0.5, -1], [2, 0.25], [3, 3]], on);
    const idx = rows([1, 1, 0]);
    const src = tensor([[1, 2], [3, 4], [5, 6]], on);
    const expected = await w.indexAdd(0, idx, src).toArray();
    fused.indexAdd_(w, 0, idx, src);
    await expectValues(w, expected, b.tol);
  });

  it('refuses a wrong index dtype, a wrong source shape and a leaf that requires grad', () => {
    const w = zeros([3, 2], on);
    expect(() => fused.indexAdd_(w, 0, tensor([0], on), zeros([1, 2], on))).toThrow('indexAdd_: expected index to be an int32 tensor, but got float32');
    expect(() => fused.indexAdd_(w, 0, rows([0, 1]), zeros([1, 2], on))).toThrow('indexAdd_: source shape [1,2] must be [2,2]');
    const leaf = zeros([3, 2], on).requiresGrad_();
    expect(() => fused.indexAdd_(leaf, 0, rows([0]), zeros([1, 2], on))).toThrow('indexAdd_: a leaf Variable that requires grad is being used in an in-place operation.');
  });
});

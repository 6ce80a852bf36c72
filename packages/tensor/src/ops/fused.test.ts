import { expect, it } from 'vitest';
import { fused, tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

describeBackends('fused optimizer updates', (b) => {
  const on = { device: b.device };

  it('scaleAdd_: self·s + other·t in place, other broadcast', async () => {
    const m = tensor([[1, 2], [3, 4]], on);
    const g = tensor([10, -10], on);
    expect(fused.scaleAdd_(m, g, 0.9, 0.1)).toBe(m);
    await expectValues(m, [[1.9, 0.8], [3.7, 2.6]], b.tol);
  });

  it('scaleAddSquare_: self·s + other²·t in place', async () => {
    const v = tensor([0, 1, 2], on);
    fused.scaleAddSquare_(v, tensor([3, -2, 0.5], on), 0.5, 2);
    await expectValues(v, [18, 8.5, 1.5], b.tol);
  });

  it("adamStep_: param − stepSize·m / (√v + eps), PyTorch's update with bias corrections folded in", async () => {
    const p = tensor([1, -1, 0.5], on);
    const m = tensor([0.2, -0.4, 0], on);
    const v = tensor([0.04, 0.25, 9], on);
    fused.adamStep_(p, m, v, 0.1, 0.01);
    // 1 − 0.1·0.2/0.21, −1 + 0.1·0.4/0.51, 0.5 − 0
    await expectValues(p, [1 - 0.02 / 0.21, -1 + 0.04 / 0.51, 0.5], b.tol);
  });

  it('refuses integer tensors and shapes that do not broadcast to self, naming the op', () => {
    expect(() => fused.scaleAdd_(tensor([1, 2], { ...on, dtype: 'int32' }), tensor([1, 2], { ...on, dtype: 'int32' }), 1, 2)).toThrow(
      /scaleAdd_: result type float32 can't be cast to the desired output type int32/,
    );
    expect(() => fused.scaleAdd_(tensor([1, 2], on), tensor([[1, 2], [3, 4]], on), 1, 2)).toThrow(/scaleAdd_: output with shape \[2\] doesn't match the broadcast shape \[2,2\]/);
  });
});

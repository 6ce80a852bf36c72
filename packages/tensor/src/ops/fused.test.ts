import { afterAll, describe, expect, it } from 'vitest';
import { fused, manualSeed, randn, setCpuKernels, tensor, type Tensor } from '../index.js';
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

  it('adam_: both moments and the parameter in one call, as the three updates in turn', async () => {
    const p = tensor([1, -1, 0.5], on);
    const m = tensor([0.2, -0.4, 0], on);
    const v = tensor([0.04, 0.25, 9], on);
    const g = tensor([1, 2, -3], on);
    expect(fused.adam_(p, g, m, v, 0.9, 0.99, 0.1, 0.01)).toBe(p);
    const m1 = [0.9 * 0.2 + 0.1, -0.9 * 0.4 + 0.2, -0.3];
    const v1 = [0.99 * 0.04 + 0.01, 0.99 * 0.25 + 0.04, 0.99 * 9 + 0.09];
    await expectValues(m, m1, b.tol);
    await expectValues(v, v1, b.tol);
    await expectValues(p, [1, -1, 0.5].map((x, i) => x - (0.1 * m1[i]) / (Math.sqrt(v1[i]) + 0.01)), b.tol);
    expect(() => fused.adam_(p, tensor([1, 2], on), m, v, 0.9, 0.99, 0.1, 0.01)).toThrow('adam_: expected tensors of shape [3], got [2]');
  });

  it('refuses integer tensors and shapes that do not broadcast to self, naming the op', () => {
    expect(() => fused.scaleAdd_(tensor([1, 2], { ...on, dtype: 'int32' }), tensor([1, 2], { ...on, dtype: 'int32' }), 1, 2)).toThrow(
      /scaleAdd_: result type float32 can't be cast to the desired output type int32/,
    );
    expect(() => fused.scaleAdd_(tensor([1, 2], on), tensor([[1, 2], [3, 4]], on), 1, 2)).toThrow(/scaleAdd_: output with shape \[2\] doesn't match the broadcast shape \[2,2\]/);
  });
});

// The CPU's one-pass float32 kernel (WebAssembly) against the three passes: the same float32 operations in the
// same order, so the same bits; and against the JS kernels within rounding. Sizes span several blocks.
describe('fused Adam on the CPU kernels', () => {
  afterAll(() => setCpuKernels('auto'));

  const run = (fusedCall: boolean, n: number, strided: boolean): Float32Array[] => {
    const wide = (t: Tensor) => (strided ? t.reshape(n, 1).expand(n, 2).contiguous().select(1, 0) : t);
    const [p, m, g] = [randn([n]), randn([n]), randn([n])].map(wide);
    const v = wide(randn([n]).abs());
    if (fusedCall) fused.adam_(p, g, m, v, 0.9, 0.999, 1e-3, 1e-8);
    else {
      fused.scaleAdd_(m, g, 0.9, 1 - 0.9);
      fused.scaleAddSquare_(v, g, 0.999, 1 - 0.999);
      fused.adamStep_(p, m, v, 1e-3, 1e-8);
    }
    return [p, m, v].map((t) => t.dataSync() as Float32Array);
  };

  it.each([[7, false], [40_003, false], [1_000, true]])('n = %i (strided: %s)', async (n, strided) => {
    expect(await setCpuKernels('wasm')).toBe('wasm');
    manualSeed(1);
    const one = run(true, n, strided);
    manualSeed(1);
    const three = run(false, n, strided);
    expect(await setCpuKernels('js')).toBe('js');
    manualSeed(1);
    const js = run(true, n, strided);
    for (let k = 0; k < 3; k++) {
      expect(Array.from(one[k])).toEqual(Array.from(three[k]));
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(one[k][i] - js[k][i]) / Math.max(1, Math.abs(js[k][i])));
      expect(worst).toBeLessThanOrEqual(1e-6);
    }
  });
});

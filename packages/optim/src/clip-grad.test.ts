// clipGradNorm compared with torch.nn.utils.clip_grad_norm_ (PyTorch 1.13, float32).
import { describe, expect, it } from 'vitest';
import { tensor, zeros, type Device } from '@typegrad/tensor';
import '@typegrad/autograd';
import { clipGradNorm } from './index.js';
import { loadFixture, maxAbsDiff, type Nested } from './testing/fixtures.js';
import { describeBackends, values } from '@typegrad/tensor/testing';

interface Fixture {
  grads: Nested[];
  cases: { maxNorm: number; normType: number | 'inf'; totalNorm: number; grads: Nested[] }[];
}

const fx = loadFixture<Fixture>('clip.json');

describeBackends('clipGradNorm matches PyTorch', (b) => {
  const device = b.device as Device;
  // the CPU's float32 sums agree with PyTorch's to 1e-5 (norm) and 1e-6 (grads); a GPU sums in another order
  const [normTol, gradTol] = device === 'cpu' ? [1e-5, 1e-6] : [b.tol, b.tol];
  for (const c of fx.cases) {
    it(`maxNorm ${c.maxNorm}, normType ${c.normType}`, async () => {
      const params = fx.grads.map((g) => {
        const p = zeros(tensor(g as number[]).shape as number[], { device }).requiresGrad_();
        p.grad = tensor(g as number[], { device });
        return p;
      });
      const total = clipGradNorm(params, c.maxNorm, { normType: c.normType });
      expect(total.shape).toEqual([]);
      expect(total.device).toBe(device);
      expect(Math.abs((await total.item()) - c.totalNorm)).toBeLessThan(normTol * c.totalNorm);
      for (const [i, p] of params.entries()) expect(maxAbsDiff(await values(p.grad!), c.grads[i])).toBeLessThan(gradTol);
    });
  }
});

describeBackends('clipGradNorm', (b) => {
  const on = { device: b.device as Device };
  it('leaves gradients below the limit as they are, and accepts Infinity for the max norm', async () => {
    const p = tensor([0, 0], on).requiresGrad_();
    p.grad = tensor([3, -4], on);
    expect(await clipGradNorm([p], 10).item()).toBe(5);
    expect(await p.grad.toArray()).toEqual([3, -4]);
    expect(await clipGradNorm(p, 1, { normType: Infinity }).item()).toBe(4);
    expect(((await p.grad.toArray()) as number[]).map((v) => +v.toFixed(6))).toEqual([0.75, -1]);
  });

  it('skips parameters without gradients; with none it returns 0', async () => {
    const a = tensor([1], on).requiresGrad_();
    const b = tensor([1], on).requiresGrad_();
    b.grad = tensor([2], on);
    expect(await clipGradNorm([a, b], 1).item()).toBe(2);
    expect(a.grad).toBeNull();
    expect(await clipGradNorm([a], 1).item()).toBe(0);
  });
});

describe('clipGradNorm options', () => {
  it('refuses a norm type that is not a positive number', () => {
    expect(() => clipGradNorm([], 1, { normType: 0 })).toThrow("clipGradNorm: normType must be a positive number or 'inf' (got 0)");
  });
});

// clipGradNorm compared with torch.nn.utils.clip_grad_norm_ (PyTorch 1.13, float32).
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@typegrad/tensor';
import '@typegrad/autograd';
import { clipGradNorm } from './index.js';
import { loadFixture, maxAbsDiff, type Nested } from './testing/fixtures.js';

interface Fixture {
  grads: Nested[];
  cases: { maxNorm: number; normType: number | 'inf'; totalNorm: number; grads: Nested[] }[];
}

const fx = loadFixture<Fixture>('clip.json');

describe('clipGradNorm matches PyTorch', () => {
  for (const c of fx.cases) {
    it(`maxNorm ${c.maxNorm}, normType ${c.normType}`, () => {
      const params = fx.grads.map((g) => {
        const p = zeros(tensor(g as number[]).shape as number[]).requiresGrad_();
        p.grad = tensor(g as number[]);
        return p;
      });
      const total = clipGradNorm(params, c.maxNorm, { normType: c.normType });
      expect(total.shape).toEqual([]);
      expect(Math.abs(total.itemSync() - c.totalNorm)).toBeLessThan(1e-5 * c.totalNorm);
      params.forEach((p, i) => expect(maxAbsDiff(p.grad!, c.grads[i])).toBeLessThan(1e-6));
    });
  }
});

describe('clipGradNorm', () => {
  it('leaves gradients below the limit as they are, and accepts Infinity for the max norm', () => {
    const p = tensor([0, 0]).requiresGrad_();
    p.grad = tensor([3, -4]);
    expect(clipGradNorm([p], 10).itemSync()).toBe(5);
    expect(p.grad.toArraySync()).toEqual([3, -4]);
    expect(clipGradNorm(p, 1, { normType: Infinity }).itemSync()).toBe(4);
    expect((p.grad.toArraySync() as number[]).map((v) => +v.toFixed(6))).toEqual([0.75, -1]);
  });

  it('skips parameters without gradients; with none it returns 0', () => {
    const a = tensor([1]).requiresGrad_();
    const b = tensor([1]).requiresGrad_();
    b.grad = tensor([2]);
    expect(clipGradNorm([a, b], 1).itemSync()).toBe(2);
    expect(a.grad).toBeNull();
    expect(clipGradNorm([a], 1).itemSync()).toBe(0);
  });

  it('refuses a norm type that is not a positive number', () => {
    expect(() => clipGradNorm([], 1, { normType: 0 })).toThrow("clipGradNorm: normType must be a positive number or 'inf' (got 0)");
  });
});

// The learning-rate range test on a small regression problem.
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, zeros } from '@typegrad/tensor';
import '@typegrad/autograd';
import { findLearningRate, SGD } from './index.js';

function regression() {
  manualSeed(3);
  const X = randn([64, 4]);
  const y = X.matmul(tensor([1, -2, 0.5, 3])).add(randn([64]).mul(0.1));
  const w = zeros([4]).requiresGrad_();
  return { w, loss: () => X.matmul(w).sub(y).pow(2).mean() };
}

describe('findLearningRate', () => {
  it('tries exponentially spaced rates and stops once the loss diverges', async () => {
    const { w, loss } = regression();
    const optimizer = new SGD([w], { lr: 0.123 });
    const seen: number[] = [];
    const result = await findLearningRate({
      optimizer,
      minLr: 1e-3,
      maxLr: 10,
      steps: 400,
      trainStep: () => {
        seen.push(optimizer.paramGroups[0].lr);
        return loss();
      },
    });
    // 10 ** linspace(-3, 1, 400), as far as it got
    result.log10Lrs.forEach((e, i) => expect(e).toBeCloseTo(-3 + (4 * i) / 399, 12));
    result.lrs.forEach((lr, i) => expect(lr).toBeCloseTo(10 ** result.log10Lrs[i], 15));
    expect(seen).toEqual(result.lrs);
    // gradient descent on this quadratic diverges for lr above about 1: the search stops there
    expect(result.diverged).toBe(true);
    expect(result.stopReason).toMatch(/exceeded 4x the best/);
    expect(result.lrs.length).toBeLessThan(400);
    expect(result.lrs[result.lrs.length - 1]).toBeGreaterThan(0.5);
    expect(result.losses).toHaveLength(result.lrs.length);
    expect(result.valley).toBeGreaterThan(0.01);
    expect(result.valley).toBeLessThan(result.lrs[result.lrs.length - 1]); // below where it blew up
    expect(optimizer.paramGroups[0].lr).toBe(0.123); // restored
  });

  it('runs every step when the loss never diverges', async () => {
    const { w, loss } = regression();
    const result = await findLearningRate({ optimizer: new SGD([w]), trainStep: loss, minLr: 1e-4, maxLr: 1e-2, steps: 50 });
    expect(result.diverged).toBe(false);
    expect(result.stopReason).toBe('ran all 50 steps');
    expect(result.lrs).toHaveLength(50);
    expect(result.lrs[0]).toBeCloseTo(1e-4, 15);
    expect(result.lrs[49]).toBeCloseTo(1e-2, 15);
    expect(result.valley).toBe(result.lrs[49]); // still improving at the largest rate
  });

  it('smooths without lag or bias: a constant stays constant, and smoothing 0 is the raw loss', async () => {
    const w = tensor([1]).requiresGrad_();
    const constant = await findLearningRate({ optimizer: new SGD([w]), steps: 20, trainStep: () => w.mul(0).add(2).sum() });
    constant.smoothedLosses.forEach((s) => expect(s).toBeCloseTo(2, 12));
    const { w: v, loss } = regression();
    const raw = await findLearningRate({ optimizer: new SGD([v]), steps: 20, smoothing: 0, trainStep: loss });
    expect(raw.smoothedLosses).toEqual(raw.losses);
  });

  it('stops on a non-finite loss and insists on a loss tensor', async () => {
    const w = tensor([1]).requiresGrad_();
    const optimizer = new SGD([w]);
    const result = await findLearningRate({ optimizer, steps: 10, trainStep: (i) => (i === 3 ? w.mul(Infinity).sum() : w.mul(w).sum()) });
    expect(result.diverged).toBe(true);
    expect(result.stopReason).toMatch(/^loss became Infinity at step 3/);
    expect(result.losses).toHaveLength(4);
    await expect(findLearningRate({ optimizer, trainStep: () => 1 as never })).rejects.toThrow('trainStep must return the loss as a one-element tensor');
  });
});

import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, ones, randn, type Tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { Dropout } from './activation.js';

const count = (t: Tensor, pred: (v: number) => boolean): number => [...t.dataSync()].filter(pred).length;

describe('Dropout', () => {
  it('is the identity in eval mode, gradient included', () => {
    const x = randn([4, 5]).requiresGrad_();
    const y = new Dropout(0.5).eval().forward(x);
    expect(y.toArraySync()).toEqual(x.toArraySync());
    y.sum().backward();
    expect([...x.grad!.dataSync()]).toEqual(new Array(20).fill(1));
  });

  it('zeroes about p of the elements in training and scales the rest by 1/(1−p)', () => {
    const n = 200 * 500;
    for (const p of [0.1, 0.3, 0.5, 0.8]) {
      const y = new Dropout(p, { generator: new Generator().manualSeed(1) }).forward(ones([200, 500]));
      const scale = Math.fround(1 / Math.fround(1 - p)); // computed in float32, as PyTorch does
      const zeros = count(y, (v) => v === 0);
      expect(count(y, (v) => v === scale)).toBe(n - zeros); // every survivor is scaled, exactly
      // the fraction dropped is binomial: its std is √(p(1−p)/n) ≤ 0.0016, so 0.01 is over 6 std
      expect(Math.abs(zeros / n - p)).toBeLessThan(0.01);
      expect(Math.abs(y.mean().itemSync() - 1)).toBeLessThan(0.03); // the expected value is kept
    }
  });

  it('passes the gradient through the kept elements, scaled, and none through the dropped ones', () => {
    const x = randn([6, 7]).requiresGrad_();
    const y = new Dropout(0.4, { generator: new Generator().manualSeed(5) }).forward(x);
    y.sum().backward();
    const kept = y.dataSync().map((v) => (v === 0 ? 0 : 1));
    expect([...x.grad!.dataSync()]).toEqual([...kept].map((k) => (k ? Math.fround(1 / Math.fround(0.6)) : 0)));
  });

  it('drops the same elements for the same seed, from the default generator or its own', () => {
    const drop = new Dropout(0.5);
    manualSeed(123);
    const a = drop.forward(ones([50]));
    manualSeed(123);
    const b = drop.forward(ones([50]));
    const c = drop.forward(ones([50]));
    expect(b.toArraySync()).toEqual(a.toArraySync());
    expect(c.toArraySync()).not.toEqual(a.toArraySync());
    const own = (seed: number) => new Dropout(0.5, { generator: new Generator().manualSeed(seed) }).forward(ones([50])).toArraySync();
    expect(own(123)).toEqual(a.toArraySync()); // a generator seeded like the default one draws the same mask
  });

  it('keeps everything for p = 0 and drops everything for p = 1', () => {
    const x = randn([3, 4]);
    expect(new Dropout(0).forward(x).toArraySync()).toEqual(x.toArraySync());
    expect(count(new Dropout(1).forward(x), (v) => v === 0)).toBe(12);
    expect(() => new Dropout(1.5)).toThrow('Dropout: dropout probability has to be between 0 and 1, but got 1.5');
  });
});

/**
 * Golden tests: every loss, with each reduction and option, against PyTorch 1.13: its value and the gradient of
 * its input; then a float64 gradcheck of each loss. The cases live in fixtures/nn.json ("losses"); see
 * fixtures/make_nn_fixtures.py for how they are made and their format.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradcheck } from '@typegrad/autograd';
import { Generator, rand, randn, tensor, type Device, type DType, type Tensor } from '@typegrad/tensor';
import { describeBackends, expectClose as expectCloseOn, values } from '@typegrad/tensor/testing';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, nllLoss } from './classification.js';
import { l1Loss, mseLoss } from './regression.js';

interface TensorSpec {
  dtype: DType;
  shape: number[];
  /** Flat, row-major; NaN and the infinities as 'NaN', 'Infinity', '-Infinity'. */
  values: (number | string | boolean)[];
}

interface LossCase {
  name: string;
  fn: keyof typeof LOSSES;
  input: TensorSpec;
  target: TensorSpec;
  /** typegrad's option names; weight and posWeight are tensors. */
  opts: Record<string, string | number | TensorSpec>;
  out: TensorSpec;
  gradWeights: TensorSpec;
  grad: TensorSpec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loss = (input: Tensor, target: Tensor, opts: any) => Tensor;
const LOSSES = { mseLoss, l1Loss, crossEntropy, nllLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits } satisfies Record<string, Loss>;

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nn.json', import.meta.url), 'utf8')) as { losses: LossCase[] };

const decode = (s: TensorSpec, device: Device = 'cpu'): Tensor =>
  tensor(s.values.map((v) => (typeof v === 'string' ? Number(v) : v)) as number[], { dtype: s.dtype, shape: s.shape, device });
const decodeOpts = (opts: LossCase['opts'], device: Device) =>
  Object.fromEntries(Object.entries(opts).map(([k, v]) => [k, typeof v === 'object' ? decode(v, device) : v]));

describeBackends('losses match PyTorch: value and gradient of the input', (b) => {
  // rtol 1e-5, atol 1e-6 on the CPU; float32 on a GPU accumulates differently
  const [rtol, atol] = b.device === 'cpu' ? [1e-5, 1e-6] : [b.tol, b.tol];
  it.each(fixture.losses.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const x = decode(c.input, b.device).requiresGrad_();
    const loss = (LOSSES[c.fn] as Loss)(x, decode(c.target, b.device), decodeOpts(c.opts, b.device));
    await expectCloseOn(loss, c.out, 'loss', rtol, atol);
    loss.mul(decode(c.gradWeights, b.device)).sum().backward();
    await expectCloseOn(x.grad, c.grad, 'gradient of the input', rtol, atol);
  });

  it('covers every loss with every reduction', () => {
    for (const fn of Object.keys(LOSSES)) {
      const reductions = new Set(fixture.losses.filter((c) => c.fn === fn).map((c) => c.opts.reduction ?? 'mean'));
      expect([fn, [...reductions].sort()]).toEqual([fn, ['mean', 'none', 'sum']]);
    }
  });
});

describeBackends('edge cases, spelled out', (b) => {
  const on = { device: b.device };
  it('binaryCrossEntropy at p exactly 0 or 1: the loss is capped at 100 and the gradient stays finite', async () => {
    const p = tensor([0, 1, 0, 1], on).requiresGrad_();
    const loss = binaryCrossEntropy(p, tensor([0, 1, 1, 0], on), { reduction: 'none' });
    expect((await values(loss)).map(Math.abs)).toEqual([0, 0, 100, 100]);
    loss.sum().backward();
    // PyTorch's gradient (p − y)/max(p(1 − p), 1e-12), in float32: 0 where p agrees with y, ∓1e12 where it does not
    const big = Math.fround(1 / Math.fround(1e-12));
    expect((await values(p.grad!)).map((v) => v + 0)).toEqual([0, 0, -big, big]);
  });

  it('binaryCrossEntropyWithLogits: the gradient at logit 0 is σ(0) − y, at ±100 it saturates without overflow', async () => {
    const z = tensor([0, 0, 0, 100, -100], on).requiresGrad_();
    const loss = binaryCrossEntropyWithLogits(z, tensor([0, 0.25, 1, 0, 0], on), { reduction: 'sum' });
    expect(await loss.item()).toBeCloseTo(3 * Math.LN2 + 100, 4);
    loss.backward();
    expect(await values(z.grad!)).toEqual([0.5, 0.25, -0.5, 1, 0]);
  });

  it('crossEntropy is finite for logits of 1e4', async () => {
    const logits = tensor([[1e4, 0, -1e4]], on).requiresGrad_();
    const loss = crossEntropy(logits, tensor([1], { dtype: 'int32', ...on }));
    expect(await loss.item()).toBe(1e4);
    loss.backward();
    expect((await values(logits.grad!)).map((v) => v + 0)).toEqual([1, -1, 0]);
  });

  it('a label out of range is a RangeError (on a GPU at the next read, which the index check of the kernel reports)', async () => {
    const logits = tensor([[0.5, 1, -1], [2, 0, 1]], on).requiresGrad_();
    const bad = tensor([0, 3], { dtype: 'int32', ...on });
    if (b.syncRead) {
      expect(() => crossEntropy(logits, bad)).toThrow(RangeError);
    } else {
      const loss = crossEntropy(logits, bad);
      await expect(loss.item()).rejects.toThrow(RangeError);
      // the device goes on working after the error is reported
      expect(await crossEntropy(logits, tensor([0, 2], { dtype: 'int32', ...on })).item()).toBeGreaterThan(0);
    }
  });
});

describe('losses: gradcheck in float64', () => {
  const g = new Generator().manualSeed(11);
  const f64 = { dtype: 'float64' as const, generator: g };
  const leaf = (shape: number[]): Tensor => randn(shape, f64).requiresGrad_();
  /** Uniform in [lo, hi), not requiring grad. */
  const between = (shape: number[], lo: number, hi: number): Tensor => rand(shape, f64).mul(hi - lo).add(lo);
  const labels = (values: number[], shape = [values.length]) => tensor(values, { dtype: 'int32', shape });
  const classWeight = () => between([4], 0.2, 2);
  const reductions = ['mean', 'sum', 'none'] as const;

  it('mseLoss and l1Loss, input and target', () => {
    for (const reduction of reductions) {
      expect(gradcheck((x, y) => mseLoss(x, y, { reduction }), [leaf([3, 4]), leaf([3, 4])])).toBe(true);
      expect(gradcheck((x, y) => l1Loss(x, y, { reduction }), [leaf([3, 4]), leaf([3, 4])])).toBe(true);
    }
  });

  it('crossEntropy with class indices: weights, ignoreIndex, labelSmoothing, [N, C, d]', () => {
    const y = labels([0, 3, 1, 2, 3]);
    for (const reduction of reductions) {
      const weight = classWeight();
      for (const opts of [{}, { weight }, { ignoreIndex: 3 }, { labelSmoothing: 0.2 }, { weight, ignoreIndex: 3, labelSmoothing: 0.1 }]) {
        expect(gradcheck((x) => crossEntropy(x, y, { reduction, ...opts }), [leaf([5, 4])])).toBe(true);
      }
      const spatial = labels([0, 2, 1, 1, 2, 2], [2, 3]);
      expect(gradcheck((x) => crossEntropy(x, spatial, { reduction, labelSmoothing: 0.1 }), [leaf([2, 3, 3])])).toBe(true);
    }
    expect(gradcheck((x) => crossEntropy(x, labels([2], [])), [leaf([4])])).toBe(true);
  });

  it('crossEntropy with probability targets, the logits and the targets', () => {
    for (const reduction of reductions) {
      const probs = () => between([5, 4], 0, 1).softmax(1).detach().requiresGrad_();
      const weight = classWeight();
      expect(gradcheck((x, p) => crossEntropy(x, p, { reduction }), [leaf([5, 4]), probs()])).toBe(true);
      expect(gradcheck((x, p) => crossEntropy(x, p, { reduction, weight, labelSmoothing: 0.2 }), [leaf([5, 4]), probs()])).toBe(true);
    }
  });

  it('nllLoss: weights, ignoreIndex, [N, C, d]', () => {
    for (const reduction of reductions) {
      const weight = classWeight();
      expect(gradcheck((x) => nllLoss(x, labels([0, 3, 1, 3]), { reduction, weight, ignoreIndex: 1 }), [leaf([4, 4])])).toBe(true);
      expect(gradcheck((x) => nllLoss(x, labels([0, 2, 1, 1], [2, 2]), { reduction }), [leaf([2, 3, 2])])).toBe(true);
    }
  });

  it('binaryCrossEntropy, with weights', () => {
    for (const reduction of reductions) {
      const [p, target, weight] = [between([3, 4], 0.05, 0.95).requiresGrad_(), between([3, 4], 0, 1), classWeight()];
      expect(gradcheck((x) => binaryCrossEntropy(x, target, { reduction }), [p])).toBe(true);
      expect(gradcheck((x) => binaryCrossEntropy(x, target, { reduction, weight }), [p])).toBe(true);
    }
  });

  it('binaryCrossEntropyWithLogits, with weight and posWeight, logits exactly 0 included', () => {
    for (const reduction of reductions) {
      const [z, target, weight, posWeight] = [leaf([3, 4]), between([3, 4], 0, 1), between([3, 1], 0.2, 2), classWeight()];
      expect(gradcheck((x) => binaryCrossEntropyWithLogits(x, target, { reduction }), [z])).toBe(true);
      expect(gradcheck((x) => binaryCrossEntropyWithLogits(x, target, { reduction, weight, posWeight }), [z])).toBe(true);
    }
    // the loss is smooth at 0, so its gradient there is σ(0) − y even though |x| and max(x, 0) have kinks there
    const zeros = tensor([0, 0, 0], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((x) => binaryCrossEntropyWithLogits(x, tensor([0, 0.3, 1], { dtype: 'float64' })), [zeros])).toBe(true);
    expect(gradcheck((x) => binaryCrossEntropyWithLogits(x, tensor([0, 0.3, 1], { dtype: 'float64' }), { posWeight: tensor([2], { dtype: 'float64' }) }), [zeros])).toBe(true);
  });
});

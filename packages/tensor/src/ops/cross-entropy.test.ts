// meanCrossEntropy on every backend: the bits of the ops it stands for (log-softmax, gather, sum, division by −N)
// and of the gradient their rules compose, with the CPU's one-pass kernel and without it; and its errors.
import { afterEach, describe, expect, it } from 'vitest';
import { Generator, getBackend, logSoftmax, logSoftmaxBackward, meanCrossEntropy, meanCrossEntropyBackward, randint, randn, setOpRecorder, tensor, toDevice, zeros, type Tensor } from '../index.js';
import { describeBackends } from '../testing/backends.js';

/** The ops meanCrossEntropy replaces, as nn's crossEntropy wrote them. */
const composedLoss = (x: Tensor, y: Tensor) => logSoftmax(x, 1).gather(1, y.unsqueeze(1)).sum().div(-x.shape[0]);

/** Their gradient as the rules of div, sum, gather and logSoftmax compose it. */
function composedGrad(g: Tensor, logp: Tensor, y: Tensor): Tensor {
  const [n, c] = logp.shape;
  const each = g.div(-n).reshape([1, 1]).expand([n, 1]);
  return logSoftmaxBackward(zeros([n, c], { dtype: logp.dtype, device: logp.device }).scatterAdd(1, y.unsqueeze(1), each), logp, 1);
}

interface Case {
  name: string;
  make: (g: Generator) => { x: Tensor; y: Tensor };
}

const CASES: Case[] = [
  { name: 'a makemore batch, [32, 27]', make: (g) => ({ x: randn([32, 27], { generator: g }).mul(3), y: randint(0, 27, [32], { generator: g }) }) },
  { name: 'large logits, [5, 3]', make: (g) => ({ x: randn([5, 3], { generator: g }).mul(80), y: randint(0, 3, [5], { generator: g }) }) },
  { name: 'a transposed view, [7, 40]', make: (g) => ({ x: randn([40, 7], { generator: g }).T, y: randint(0, 40, [7], { generator: g }) }) },
  { name: 'a thousand rows of 65', make: (g) => ({ x: randn([1000, 65], { generator: g }), y: randint(0, 65, [1000], { generator: g }) }) },
];

/** The loss, the saved log-probabilities and the logits' gradient for a gradient of `grad`. */
function run(x: Tensor, y: Tensor, grad: number) {
  let saved: Readonly<Record<string, unknown>> = {};
  setOpRecorder((op, _i, _o, s) => void (op === 'meanCrossEntropy' && (saved = s)));
  const loss = meanCrossEntropy(x.detach().requiresGrad_(), y);
  setOpRecorder(null);
  const logp = saved.logp as Tensor;
  const g = tensor(grad, { dtype: x.dtype, device: x.device });
  return { loss, logp, dx: meanCrossEntropyBackward(g, logp, y), want: composedGrad(g, logp, y) };
}

const bits = async (t: Tensor) => Array.from((await toDevice(t, 'cpu')).contiguous().dataSync());

describeBackends('meanCrossEntropy', (b) => {
  const dtypes = b.float64 ? (['float32', 'float64'] as const) : (['float32'] as const);
  for (const dtype of dtypes) {
    it.each(CASES.map((c) => [c.name, c] as const))(`%s (${dtype}): the composed ops' loss and gradient`, async (_, c) => {
      const made = c.make(new Generator().manualSeed(3));
      const [x, y] = await Promise.all([toDevice(made.x.to(dtype), b.device), toDevice(made.y, b.device)]);
      const { loss, logp, dx, want } = run(x, y, 0.75);
      expect(loss.shape).toEqual([]);
      expect(await bits(logp)).toEqual(await bits(logSoftmax(x, 1)));
      if (b.device === 'cpu') {
        expect(await bits(loss)).toEqual(await bits(composedLoss(x, y)));
        expect(await bits(dx)).toEqual(await bits(want));
      } else {
        expect(Math.abs((await loss.item()) - (await composedLoss(x, y).item()))).toBeLessThanOrEqual(b.tol * 10);
        const [got, exp] = [await bits(dx), await bits(want)];
        got.forEach((v, i) => expect(Math.abs(v - exp[i]), `[${i}]`).toBeLessThanOrEqual(b.tol));
      }
    });
  }

  it('is the mean of −log p at the targets (a hand-worked case)', async () => {
    // rows [0, ln 3] and [ln 2, ln 2]: p = [1/4, 3/4] and [1/2, 1/2]; targets 1 and 0: −(ln ¾ + ln ½)/2
    const x = await toDevice(tensor([[0, Math.log(3)], [Math.log(2), Math.log(2)]]), b.device);
    const y = await toDevice(tensor([1, 0], { dtype: 'int32' }), b.device);
    expect(await meanCrossEntropy(x, y).item()).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 6);
  });

  it('names what it expected', async () => {
    const x = await toDevice(randn([4, 3]), b.device);
    const y = await toDevice(tensor([0, 1, 2, 0], { dtype: 'int32' }), b.device);
    expect(() => meanCrossEntropy(x.reshape([12]), y)).toThrow('meanCrossEntropy: expected logits of shape [N, C], got [12]');
    expect(() => meanCrossEntropy(x, y.float())).toThrow('meanCrossEntropy: expected target to be int32 class indices, got float32');
    expect(() => meanCrossEntropy(x, y.reshape([2, 2]))).toThrow('meanCrossEntropy: expected target of shape [4] for logits [4,3], got [2,2]');
    expect(() => meanCrossEntropy(x.int(), y)).toThrow('meanCrossEntropy: expected float logits, got int32');
  });
});

describe('meanCrossEntropy on the CPU', () => {
  const cpu = getBackend('cpu');
  const kernel = cpu.nllLossMean!;
  afterEach(() => Object.assign(cpu, { nllLossMean: kernel }));

  it('runs the one-pass kernel, and the composed ops give the same bits without it', () => {
    const g = new Generator().manualSeed(5);
    const x = randn([64, 27], { generator: g }).mul(4);
    const y = randint(0, 27, [64], { generator: g });
    let calls = 0;
    cpu.nllLossMean = (...args) => (calls++, kernel(...args));
    const withKernel = meanCrossEntropy(x, y).dataSync()[0];
    expect(calls).toBe(1);
    cpu.nllLossMean = undefined;
    expect(meanCrossEntropy(x, y).dataSync()[0]).toBe(withKernel);
  });

  it('says which target is out of range, with the kernel and without it', () => {
    const x = randn([3, 4]);
    const y = tensor([1, 4, 0], { dtype: 'int32' });
    expect(() => meanCrossEntropy(x, y)).toThrow('meanCrossEntropy: target 4 is out of bounds for 4 classes');
    cpu.nllLossMean = undefined;
    expect(() => meanCrossEntropy(x, y)).toThrow('gather: index 4 is out of bounds for dimension 1 with size 4');
  });

  it('is NaN over no rows, as a mean of nothing is', () => {
    expect(meanCrossEntropy(zeros([0, 5]), zeros([0], { dtype: 'int32' })).dataSync()[0]).toBeNaN();
  });
});

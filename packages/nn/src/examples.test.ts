import { describe, expect, it } from 'vitest';
import { Generator, cat, randn, randint, zeros, ones, type Tensor } from '@typegrad/tensor';
import { noGrad } from '@typegrad/autograd';
import { Dropout, Linear, Module, ReLU, Sequential, accuracy, binaryCrossEntropyWithLogits, crossEntropy } from './index.js';

/** Plain gradient descent, as the course writes it before introducing optimizers. */
function sgdStep(model: Module, lr: number): void {
  noGrad(() => {
    for (const p of model.parameters()) p.sub_(p.grad!.mul(lr));
  });
}

describe('course examples', () => {
  it('a 784-512-ReLU-Dropout-10 classifier fits a synthetic 10-class problem', () => {
    const g = new Generator().manualSeed(7);
    const centres = randn([10, 784], { generator: g });
    const labels = randint(0, 10, [256], { generator: g });
    const X = centres.indexSelect(0, labels).add(randn([256, 784], { generator: g }).mul(2));
    const model = new Sequential(new Linear(784, 512, { generator: g }), new ReLU(), new Dropout(0.2, { generator: g }), new Linear(512, 10, { generator: g }));
    let first = 0;
    let last = 0;
    for (let step = 0; step < 30; step++) {
      const idx = randint(0, 256, [64], { generator: g });
      const loss = crossEntropy(model.forward(X.indexSelect(0, idx)) as Tensor, labels.indexSelect(0, idx));
      model.zeroGrad();
      loss.backward();
      sgdStep(model, 0.05);
      if (step === 0) first = loss.itemSync();
      last = loss.itemSync();
    }
    model.eval();
    const acc = noGrad(() => accuracy(model.forward(X) as Tensor, labels)).itemSync();
    expect(last).toBeLessThan(first / 4);
    expect(acc).toBeGreaterThan(0.97);
  });

  it('logistic regression separates two Gaussian blobs', () => {
    const g = new Generator().manualSeed(3);
    const a = randn([100, 2], { generator: g }).add(-2);
    const b = randn([100, 2], { generator: g }).add(2);
    const X = cat([a, b]);
    const y = cat([zeros([100, 1]), ones([100, 1])]);
    const model = new Linear(2, 1, { generator: g });
    for (let step = 0; step < 100; step++) {
      const loss = binaryCrossEntropyWithLogits(model.forward(X), y);
      model.zeroGrad();
      loss.backward();
      sgdStep(model, 0.5);
    }
    const predicted = noGrad(() => model.forward(X).gt(0).to('float32'));
    expect(predicted.eq(y).to('float32').mean().itemSync()).toBeGreaterThan(0.97);
    // the boundary is near x + y = 0: both weights positive and of similar size
    const [w0, w1] = model.weight.dataSync();
    expect(w0).toBeGreaterThan(0);
    expect(w1).toBeGreaterThan(0);
  });
});

import '@typegrad/autograd';
import { Linear, Sequential, Tanh, crossEntropy } from '@typegrad/nn';
import { Adam } from '@typegrad/optim';
import { Generator, randn } from '@typegrad/tensor';

// Points in the plane, labelled 1 where x·y > 0: a problem a straight line cannot split.
const g = new Generator().manualSeed(42);
const X = randn([256, 2], { generator: g });
const y = X.select(1, 0).mul(X.select(1, 1)).gt(0).to('int32');

const model = new Sequential(new Linear(2, 16, { generator: g }), new Tanh(), new Linear(16, 2, { generator: g }));
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
for (let step = 1; step <= 200; step++) {
  const loss = crossEntropy(model.forward(X), y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if (step % 50 === 0) console.log(`step ${step}  loss ${(await loss.item()).toFixed(4)}`);
}
const correct = await model.forward(X).argmax(1).eq(y).to('float32').mean().item();
console.log(`training accuracy ${(100 * correct).toFixed(1)}%`);

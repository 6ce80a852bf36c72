import '@typegrad/autograd';
import { Linear, mseLoss } from '@typegrad/nn';
import { SGD } from '@typegrad/optim';
import { Generator, linspace } from '@typegrad/tensor';

// Fit y = 3x - 1 with one linear layer.
const g = new Generator().manualSeed(0);
const x = linspace(-1, 1, 64).reshape([64, 1]);
const y = x.mul(3).sub(1);
const model = new Linear(1, 1, { generator: g });
const optimizer = new SGD(model.parameters(), { lr: 0.1 });
for (let step = 1; step <= 200; step++) {
  const loss = mseLoss(model.forward(x), y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if (step % 50 === 0) console.log(`step ${step}  loss ${(await loss.item()).toFixed(6)}`);
}
console.log('weight', (await model.weight.item()).toFixed(3), 'bias', (await model.bias.item()).toFixed(3));

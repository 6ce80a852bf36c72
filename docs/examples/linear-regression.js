import '@typegrad/autograd';
import { Linear, mseLoss } from '@typegrad/nn';
import { SGD } from '@typegrad/optim';
import { Generator, randn } from '@typegrad/tensor';

// 200 noisy points on y = 2·x₁ − 3·x₂ + 0.5
const g = new Generator().manualSeed(1);
const X = randn([200, 2], { generator: g });
const trueW = [2, -3];
const y = X.select(1, 0).mul(trueW[0]).add(X.select(1, 1).mul(trueW[1])).add(0.5)
  .add(randn([200], { generator: g }).mul(0.1))
  .reshape([200, 1]);

const model = new Linear(2, 1, { generator: g });
const optimizer = new SGD(model.parameters(), { lr: 0.05 });
const losses = [];
for (let epoch = 1; epoch <= 100; epoch++) {
  const loss = mseLoss(model.forward(X), y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  losses.push(await loss.item());
  if (epoch % 25 === 0) console.log(`epoch ${epoch}  mse ${losses.at(-1).toFixed(4)}`);
}
const [w1, w2] = await model.weight.reshape([-1]).toArray();
const b = await model.bias.item();
const term = (v) => `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(2)}`;
console.log(`learned  y = ${w1.toFixed(2)}·x₁ ${term(w2)}·x₂ ${term(b)}   (true: 2·x₁ − 3·x₂ + 0.5)`);
plot([{ x: losses.map((_, i) => i + 1), y: losses, label: 'train MSE' }], { title: 'mean squared error', xLabel: 'epoch', yLabel: 'MSE', width: 640, height: 320 });

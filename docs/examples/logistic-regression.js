import '@typegrad/autograd';
import { Linear, binaryCrossEntropyWithLogits } from '@typegrad/nn';
import { SGD } from '@typegrad/optim';
import { Generator, cat, ones, randn, tensor, zeros } from '@typegrad/tensor';

// Two clouds of 100 points: class 0 around (−1, −1), class 1 around (1, 1).
const g = new Generator().manualSeed(3);
const X = cat([randn([100, 2], { generator: g }).sub(1), randn([100, 2], { generator: g }).add(1)], 0);
const y = cat([zeros([100, 1]), ones([100, 1])], 0);

// Logistic regression: a linear score, squashed by the sigmoid into a probability of class 1.
const model = new Linear(2, 1, { generator: g });
const optimizer = new SGD(model.parameters(), { lr: 0.5 });
const losses = [];
for (let step = 1; step <= 100; step++) {
  const logits = model.forward(X);
  // the loss takes the logits: sigmoid and log together stay accurate when the model is very sure
  const loss = binaryCrossEntropyWithLogits(logits, y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  losses.push(await loss.item());
  if (step % 25 === 0) console.log(`step ${step}  loss ${losses.at(-1).toFixed(4)}`);
}
const predicted = model.forward(X).gt(0).to('float32');
const correct = await predicted.eq(y).to('float32').mean().item();
console.log(`accuracy ${(100 * correct).toFixed(1)}%`);
const [w1, w2] = await model.weight.reshape([-1]).toArray();
const b = await model.bias.item();
console.log(`boundary: ${w1.toFixed(2)}·x₁ + ${w2.toFixed(2)}·x₂ ${b < 0 ? '−' : '+'} ${Math.abs(b).toFixed(2)} = 0`);
console.log('P(class 1) at (0.5, 0.5):', (await model.forward(tensor([[0.5, 0.5]])).sigmoid().item()).toFixed(3));
plot([{ x: losses.map((_, i) => i + 1), y: losses, label: 'binary cross-entropy' }], { title: 'training loss', xLabel: 'step', yLabel: 'loss', width: 640, height: 300 });

import { noGrad } from '@typegrad/autograd';
import { tensor } from '@typegrad/tensor';

// Minimise f(x) = (x - 3)² + 1 by following the gradient downhill.
const x = tensor(-2.0).requiresGrad_();
const lr = 0.1;
const steps = [];
const values = [];
for (let step = 0; step <= 40; step++) {
  const f = x.sub(3).square().add(1);
  f.backward();
  steps.push(step);
  values.push(await f.item());
  if (step % 10 === 0) console.log(`step ${step}  x ${(await x.item()).toFixed(4)}  f(x) ${values.at(-1).toFixed(4)}  df/dx ${(await x.grad.item()).toFixed(4)}`);
  // the update: x ← x − lr · df/dx, outside the graph, then the gradient is cleared for the next step
  noGrad(() => x.sub_(x.grad.mul(lr)));
  x.grad = null;
}
plot([{ x: steps, y: values, label: 'f(x)' }], { title: 'f(x) as gradient descent runs', xLabel: 'step', yLabel: 'f(x)', width: 640, height: 320 });

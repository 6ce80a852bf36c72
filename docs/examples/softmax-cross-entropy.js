import '@typegrad/autograd';
import { crossEntropy } from '@typegrad/nn';
import { tensor } from '@typegrad/tensor';

// Three examples, four classes: the logits a model might output, and the right class of each.
const logits = tensor([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.1, 0.4]]);
const targets = tensor([0, 1, 3], { dtype: 'int32' });

// softmax: exponentiate, then divide by the row's sum, so each row is a probability distribution
const probs = logits.softmax(-1);
console.log(probs.toString());
console.log('rows sum to', (await probs.sum(1).toArray()).map((s) => s.toFixed(4)).join(', '));

// cross-entropy: the mean of −log(probability of the right class)
const picked = await probs.gather(1, targets.reshape([3, 1])).reshape([3]).toArray();
const byHand = -picked.reduce((s, p) => s + Math.log(p), 0) / picked.length;
console.log('by hand      ', byHand.toFixed(4));
console.log('crossEntropy ', (await crossEntropy(logits, targets).item()).toFixed(4));

// Why the library subtracts the row's maximum first: exp(1000) overflows, the shifted softmax does not.
const huge = tensor([[1000, 1001, 1002]]);
console.log('naive  ', (await huge.exp().div(huge.exp().sum()).toArray()).flat().join(', '));
console.log('stable ', (await huge.softmax(-1).toArray()).flat().map((p) => p.toFixed(4)).join(', '));

// The gradient of cross-entropy with respect to the logits is (softmax − one-hot) / batch.
const z = logits.clone().requiresGrad_();
crossEntropy(z, targets).backward();
console.log(z.grad.toString());

// A first look at typegrad: the opening steps of the makemore lecture, with the lecture's seed.
// The numbers printed are the ones PyTorch prints for the same calls.
import { Generator, multinomial, rand, randn, tensor } from '@typegrad/tensor';

const g = new Generator().manualSeed(2147483647);
const p = rand([3], { generator: g });
const probs = p.div(p.sum());
console.log('probabilities:', probs.toString());
console.log('20 draws:     ', multinomial(probs, 20, { replacement: true, generator: g }).toString());

// Broadcasting, a matrix product and a numerically stable softmax.
const x = randn([4, 3], { generator: g });
const w = tensor([[1, -1], [0.5, 2], [-1, 0]]);
const logits = x.matmul(w).add(tensor([0.1, -0.1]));
console.log('softmax rows: ', logits.softmax(-1).toString());
console.log('row sums:     ', logits.softmax(-1).sum(1).toString());
console.log('stable at 1e4:', tensor([1e4, 1e4 - 1, -1e4]).softmax(0).toString());

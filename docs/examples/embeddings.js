import '@typegrad/autograd';
import { Embedding } from '@typegrad/nn';
import { Generator, tensor } from '@typegrad/tensor';

// An embedding is a table with one learned row per id; looking an id up is indexing a row.
const g = new Generator().manualSeed(0);
const words = ['king', 'queen', 'apple', 'pear'];
const emb = new Embedding(words.length, 3, { generator: g });
console.log('table', emb.weight.shape);
const rows = emb.forward(tensor([0, 2, 2], { dtype: 'int32' }));
console.log('lookup of [0, 2, 2]', rows.shape);

// The same lookup as a one-hot vector times the table: what the bigram lecture shows.
const oneHot = tensor([[1, 0, 0, 0]]);
console.log('one-hot · W equals W[0]:', (await oneHot.matmul(emb.weight).sub(emb.weight.select(0, 0)).abs().max().item()) === 0);

// Dot product and cosine similarity between rows: cosine ignores the rows' lengths.
const v = tensor([[1, 2, 0], [2, 4, 0], [0, 1, 3]]);
const dots = v.matmul(v.T);
const norms = v.square().sum(1, true).sqrt();
const cosine = dots.div(norms.matmul(norms.T));
console.log('dot\n' + dots.toString());
console.log('cosine\n' + cosine.toString());

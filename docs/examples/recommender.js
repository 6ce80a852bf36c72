import '@typegrad/autograd';
import { Embedding, mseLoss } from '@typegrad/nn';
import { Adam } from '@typegrad/optim';
import { Generator, tensor } from '@typegrad/tensor';

// A made-up rating table: 6 users, 5 films, ratings 1–5, 0 where a user has not rated the film.
const films = ['Space Saga', 'Star Raiders', 'Robot Dawn', 'Tea & Letters', 'Garden Days'];
const R = [
  [5, 4, 5, 1, 0],
  [4, 5, 0, 2, 1],
  [5, 0, 4, 1, 1],
  [1, 2, 1, 5, 4],
  [0, 1, 2, 4, 5],
  [2, 1, 0, 5, 5],
];
const users = [];
const items = [];
const ratings = [];
R.forEach((row, u) => row.forEach((r, i) => {
  if (r > 0) { users.push(u); items.push(i); ratings.push(r); }
}));
const u = tensor(users, { dtype: 'int32' });
const it = tensor(items, { dtype: 'int32' });
const y = tensor(ratings);
const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;

// Matrix factorisation (two factors per user and per film): rating ≈ mean + user bias + item bias + user vector · item vector.
const g = new Generator().manualSeed(0);
const dim = 2;
const P = new Embedding(R.length, dim, { generator: g });
const Q = new Embedding(films.length, dim, { generator: g });
const bu = new Embedding(R.length, 1, { generator: g });
const bi = new Embedding(films.length, 1, { generator: g });
for (const e of [P, Q, bu, bi]) e.weight.detach().mul_(0.1);
const params = [P, Q, bu, bi].flatMap((e) => e.parameters());
const predict = (uu, ii) => P.forward(uu).mul(Q.forward(ii)).sum(1)
  .add(bu.forward(uu).reshape([-1])).add(bi.forward(ii).reshape([-1])).add(mean);

const optimizer = new Adam(params, { lr: 0.05 });
for (let epoch = 1; epoch <= 300; epoch++) {
  const loss = mseLoss(predict(u, it), y);
  // a small L2 penalty on the vectors keeps 25 ratings from being memorised exactly
  const penalty = P.weight.square().sum().add(Q.weight.square().sum()).mul(0.02);
  optimizer.zeroGrad();
  loss.add(penalty).backward();
  optimizer.step();
  if (epoch % 100 === 0) console.log(`epoch ${epoch}  RMSE ${Math.sqrt(await loss.item()).toFixed(3)}`);
}

// Fill in the blanks: what would user 0 give Garden Days, user 1 Robot Dawn?
const guess = (await predict(tensor([0, 1], { dtype: 'int32' }), tensor([4, 2], { dtype: 'int32' })).toArray());
console.log(`user 0, ${films[4]}: ${guess[0].toFixed(2)}   user 1, ${films[2]}: ${guess[1].toFixed(2)}`);

// Item vectors, compared by dot product and by cosine similarity.
const V = Q.weight.detach();
const dots = V.matmul(V.T);
const norms = V.square().sum(1, true).sqrt();
const cos = dots.div(norms.matmul(norms.T));
const show = (name, m) => {
  console.log(name);
  m.forEach((row, i) => console.log(`  ${films[i].padEnd(14)}${row.map((x) => x.toFixed(2).padStart(7)).join('')}`));
};
show('dot product', await dots.toArray());
show('cosine', await cos.toArray());
console.log('item vector lengths', (await norms.reshape([-1]).toArray()).map((x) => x.toFixed(2)).join(' '));

import '@typegrad/autograd';
import { Generator, randint, tensor } from '@typegrad/tensor';
import { configureOptimizer, generate, GPT, languageModelLoss } from '@typegrad/transformer';

// A character-level GPT on one short text: 2 layers, 2 heads, width 32, a context of 16 characters.
const text = 'the cat sat on the mat. the dog sat on the log. ';
const chars = [...new Set(text)].sort();
const encode = (s) => [...s].map((c) => chars.indexOf(c));
const decode = (ids) => ids.map((i) => chars[i]).join('');
const data = encode(text.repeat(4));

const g = new Generator().manualSeed(1337);
const model = new GPT({ vocabSize: chars.length, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 32, bias: false }, { generator: g });
const count = model.parameters().reduce((n, p) => n + p.numel, 0);
console.log(`vocabulary ${chars.length}, ${count} parameters`);

// A batch: 8 random windows of 16 characters, and the same windows shifted by one as targets.
const batch = () => {
  const x = [];
  const y = [];
  for (const i of randint(0, data.length - 16, [8], { generator: g }).toArraySync()) {
    x.push(data.slice(i, i + 16));
    y.push(data.slice(i + 1, i + 17));
  }
  return [tensor(x, { dtype: 'int32' }), tensor(y, { dtype: 'int32' })];
};

// The forward pass: logits [B, T, vocabulary]; before training the loss is near ln(vocabulary).
const [x0, y0] = batch();
const logits = model.forward(x0);
console.log('logits', logits.shape, 'loss', (await languageModelLoss(logits, y0).item()).toFixed(3), 'ln V', Math.log(chars.length).toFixed(3));

// A few steps of AdamW.
const optimizer = configureOptimizer(model, { lr: 3e-3, weightDecay: 0.1 });
for (let step = 1; step <= 60; step++) {
  const [x, y] = batch();
  const loss = languageModelLoss(model.forward(x), y);
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  if (step % 20 === 0) console.log(`step ${step}  loss ${(await loss.item()).toFixed(3)}`);
}

// Sampling, seeded: the same seed gives the same text.
const out = [];
for await (const id of generate(model, encode('the '), { maxNewTokens: 40, temperature: 0.8, generator: new Generator().manualSeed(42) })) out.push(id);
console.log(JSON.stringify('the ' + decode(out)));

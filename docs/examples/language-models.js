import { Generator, multinomial, tensor, zeros } from '@typegrad/tensor';

// A bigram model: count which character follows which, then sample one character at a time.
const names = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia', 'harper', 'evelyn', 'abigail',
  'emily', 'ella', 'elizabeth', 'camila', 'luna', 'sofia', 'avery', 'mila', 'aria', 'scarlett'];
const chars = ['.', ...[...new Set(names.join(''))].sort()];
const id = Object.fromEntries(chars.map((c, i) => [c, i]));
const N = zeros([chars.length, chars.length]).toArraySync();
for (const name of names) {
  const seq = ['.', ...name, '.'];
  for (let i = 0; i + 1 < seq.length; i++) N[id[seq[i]]][id[seq[i + 1]]] += 1;
}
const counts = tensor(N).add(1); // add-one smoothing: no probability is exactly zero
const P = counts.div(counts.sum(1, true));

// The mean negative log-likelihood of the training names: the loss a network would minimise.
const probs = P.toArraySync();
let nll = 0;
let n = 0;
for (const name of names) {
  const seq = ['.', ...name, '.'];
  for (let i = 0; i + 1 < seq.length; i++, n++) nll -= Math.log(probs[id[seq[i]]][id[seq[i + 1]]]);
}
console.log(`vocabulary ${chars.length}, mean NLL ${(nll / n).toFixed(4)}`);

// Temperature divides the log-probabilities before normalising: below 1 sharper, above 1 flatter.
const logP = P.log();
for (const temperature of [0.5, 1, 2]) {
  const g = new Generator().manualSeed(2147483647);
  const Pt = logP.div(temperature).softmax(-1);
  const out = [];
  for (let k = 0; k < 5; k++) {
    let ix = 0;
    let name = '';
    do {
      ix = multinomial(Pt.select(0, ix), 1, { replacement: true, generator: g }).itemSync();
      if (ix !== 0) name += chars[ix];
    } while (ix !== 0 && name.length < 20);
    out.push(name);
  }
  console.log(`temperature ${temperature}: ${out.join(', ')}`);
}

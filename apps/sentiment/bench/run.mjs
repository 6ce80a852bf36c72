/**
 * `pnpm bench` for the sentiment app: how fast a trained model classifies, in sentences a second, on one thread.
 *
 * Each model is trained briefly on the shipped sentences' 70/15/15 split (speed does not depend on how well it
 * learned), then timed two ways over the 450 test sentences in turn: `predict(text)`, one sentence a call (encode,
 * forward, softmax: what a page does as a visitor types), and `probabilities(texts)`, the test sentences in one
 * batch. Each figure is the median of BENCH_RUNS timed batches (tooling/bench/measure.mjs). With `--readme`, the
 * table replaces the Speed section's generated block in README.md.
 */
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { fileURLToPath } from 'node:url';
import { measure } from '../../../tooling/bench/measure.mjs';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';
import { machineLine } from '../../../tooling/bench/rounds.mjs';
import { markdownTable } from '@typegrad/app-kit';
import { fmt } from '../../../tooling/bench/table.mjs';

const lib = await import('../dist/index.js').catch((err) => {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
});

/** A few epochs each: enough for real weights. */
const EPOCHS = { 'bow-logreg': 3, 'embedding-bag': 3, encoder: 1 };

const data = lib.sentimentDataset((await loadSentimentSentences()).sentences);
const split = lib.makeSplit(data.examples, lib.DEFAULT_SPLIT);
const train = lib.pick(data.examples, split.train);
const texts = lib.pick(data.examples, split.test).map((e) => e.text);

const rows = [];
for (const kind of lib.MODEL_KINDS) {
  const generator = new Generator().manualSeed(42);
  const classifier = lib.createClassifier(kind, train.map((e) => e.text), data.classes, {}, generator, train.map((e) => e.label));
  await lib.trainClassifier(classifier, train, lib.pick(data.examples, split.dev), { epochs: EPOCHS[kind], batchSize: 32, lr: 0.005, weightDecay: 0.01, patience: 0, generator });
  let k = 0;
  const one = await measure(`${kind} predict`, () => classifier.predict(texts[k++ % texts.length]));
  const batch = await measure(`${kind} batch`, () => classifier.probabilities(texts));
  const explainOne = await measure(`${kind} explain`, () => lib.explain(classifier, texts[k++ % texts.length]));
  rows.push([kind, fmt(1 / one.seconds), `${(one.seconds * 1e6).toFixed(0)} µs`, fmt(texts.length / batch.seconds), fmt(1 / explainOne.seconds)]);
  process.stderr.write(`  ${kind}: ${rows.at(-1).join('  ')}\n`);
}

const table = markdownTable(['model', 'predict: sentences/s', 'per sentence', '450 in one batch: sentences/s', 'explain: sentences/s'], rows);
const note = machineLine();
console.log(note);
console.log('');
console.log(table);
if (process.argv.includes('--readme')) {
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  await writeReadmeBlock(readme, 'speed', ['```', note, '```', '', table, '', `(\`pnpm --filter @typegrad/sentiment bench -- --readme\`, ${new Date().toISOString().slice(0, 10)})`].join('\n'));
  console.log(`wrote the table into ${readme}`);
}

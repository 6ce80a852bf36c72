/**
 * The protocol of the published tutorials on this data: one model per source (Amazon, IMDb, Yelp; 1,000 sentences
 * each), trained on 75% and tested on the other 25%. Here the 25% test part of each source is a stratified, seeded
 * (42) cut; bow-logreg trains on 60% and stops early on the remaining 15%, the reference
 * (scripts/sklearn_reference.py: CountVectorizer + LogisticRegression with scikit-learn's defaults) trains on all
 * 75%, as the tutorials do. `pnpm --filter @typegrad/sentiment per-source` prints the table; `--readme` also writes
 * it into README.md's `<!-- bench:per-source -->` block.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { markdownTable } from '@typegrad/app-kit';
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';

const lib = await import('../dist/index.js').catch((err) => {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
});
const REFERENCE = fileURLToPath(new URL('./sklearn_reference.py', import.meta.url));
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SPLIT = { kind: 'holdout', fractions: [0.6, 0.15, 0.25], seed: 42 };

const data = lib.sentimentDataset((await loadSentimentSentences()).sentences);
const sources = ['amazon', 'imdb', 'yelp'];
const ours = [];
const referenceSplits = [];
const texts = data.examples.map((e) => e.text);
for (const source of sources) {
  const indices = data.examples.flatMap((e, i) => (e.source === source ? [i] : []));
  const local = lib.makeSplit(indices.map((i) => data.examples[i]), SPLIT);
  const [train, dev, test] = [local.train, local.dev, local.test].map((part) => part.map((k) => data.examples[indices[k]]));
  const generator = new Generator().manualSeed(42);
  const classifier = lib.createClassifier('bow-logreg', train.map((e) => e.text), data.classes, {}, generator, train.map((e) => e.label));
  await lib.trainClassifier(classifier, train, dev, { ...lib.TRAINING_DEFAULTS['bow-logreg'], generator });
  ours.push(lib.evaluateClassifier(classifier, test).accuracy);
  referenceSplits.push({ train: [...local.train, ...local.dev].map((k) => indices[k]), dev: [], test: local.test.map((k) => indices[k]) });
}

let reference = null;
let skipped = '';
try {
  const file = join(mkdtempSync(join(tmpdir(), 'sentiment-per-source-')), 'splits.json');
  writeFileSync(file, JSON.stringify({ texts, labels: data.examples.map((e) => e.label), sources: data.examples.map((e) => e.source), splits: referenceSplits }));
  const { stdout } = await promisify(execFile)(PYTHON, [REFERENCE, file], { timeout: 600_000, maxBuffer: 1 << 26, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  reference = JSON.parse(stdout).splits.map((s) => s.accuracy);
} catch (err) {
  skipped = `${PYTHON} scripts/sklearn_reference.py did not run: ${String(err.stderr || err.message).trim().split('\n').pop()}`;
}

const TUTORIALS = { amazon: 'about 0.80', imdb: 'about 0.75', yelp: 'about 0.80' };
const table = markdownTable(
  ['source (one model each, 25% test)', 'bow-logreg', 'reference: CountVectorizer + LogisticRegression', 'published tutorials'],
  sources.map((s, k) => [s, ours[k].toFixed(4), reference ? reference[k].toFixed(4) : '—', TUTORIALS[s]]),
);
const report = [table, ...(skipped ? ['', skipped] : [])].join('\n');
console.log(report);
if (process.argv.includes('--readme')) {
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  await writeReadmeBlock(readme, 'per-source', [report, '', `(\`pnpm --filter @typegrad/sentiment per-source -- --readme\`, ${new Date().toISOString().slice(0, 10)})`].join('\n'));
  console.log(`wrote the table into ${readme}`);
}

/**
 * The README's results, measured in one run (`pnpm --filter @typegrad/sentiment results`, after a build):
 *
 * - `sentiment compare --folds 10` with every model at its defaults, on the shipped sentences (the built CLI, run as
 *   a user runs it, its table read back as CSV);
 * - scripts/sklearn_reference.py (CountVectorizer + LogisticRegression with scikit-learn's defaults, in numpy and
 *   PyTorch) on the same ten folds, with /usr/bin/python3 (or BENCH_PYTHON), after the training so it does not slow
 *   the runs timed; left out with a note when it cannot run;
 * - whether the targets are met: the best model's mean accuracy ≥ 0.85, the embedding bag trained in under
 *   20 s.
 *
 * It prints the table; `--readme` also writes it into README.md's `<!-- bench:results -->` block.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { markdownTable } from '@typegrad/app-kit';
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { printReport } from '../../../tooling/bench/readme.mjs';
import { machineLine } from '../../../tooling/bench/rounds.mjs';

const lib = await import('../dist/index.js').catch((err) => {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
});
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const REFERENCE = fileURLToPath(new URL('./sklearn_reference.py', import.meta.url));
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const FOLDS = 10;
const SEED = 42;
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'sentiment-results-'));

/** `sentiment compare`'s CSV, as rows of named figures. */
async function compare() {
  const out = join(work, 'compare.csv');
  const child = execFile(process.execPath, [CLI, 'compare', '--folds', String(FOLDS), '--split-seed', String(SEED), '--format', 'csv', '--out', out], { maxBuffer: 1 << 26 });
  child.stdout.on('data', (d) => process.stderr.write(d));
  child.stderr.on('data', (d) => process.stderr.write(d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`sentiment compare exited with ${code}`);
  const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], i === 0 ? v : Number(v)])));
}

/** The reference on the same folds, or the reason it did not run. */
async function reference() {
  const { sentences } = await loadSentimentSentences();
  const data = lib.sentimentDataset(sentences);
  const splits = Array.from({ length: FOLDS }, (_, fold) => lib.makeSplit(data.examples, { kind: 'kfold', folds: FOLDS, fold, seed: SEED }));
  const file = join(work, 'splits.json');
  writeFileSync(file, JSON.stringify({ texts: data.examples.map((e) => e.text), labels: data.examples.map((e) => e.label), sources: data.examples.map((e) => e.source), splits }));
  try {
    const { stdout } = await run(PYTHON, [REFERENCE, file], { timeout: 1_800_000, maxBuffer: 1 << 26, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    return { figures: JSON.parse(stdout) };
  } catch (err) {
    return { skipped: `${PYTHON} scripts/sklearn_reference.py did not run: ${String(err.stderr || err.message).trim().split('\n').pop()}` };
  }
}

const pm = (mean, std, digits = 4) => `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;

async function main() {
  const started = performance.now();
  const rows = await compare();
  const ref = await reference();
  const sources = ['amazon', 'imdb', 'yelp'];
  const table = markdownTable(
    ['model (10 stratified folds, seed 42)', 'accuracy', 'macro-F1', ...sources, 'train s (one fold)'],
    [
      ...rows.map((r) => [r.model, pm(r.accuracy_mean, r.accuracy_std), pm(r.macro_f1_mean, r.macro_f1_std), ...sources.map((s) => pm(r[`${s}_accuracy_mean`], r[`${s}_accuracy_std`], 3)), r.train_seconds_mean.toFixed(1)]),
      ...(ref.figures
        ? [(() => {
            const folds = ref.figures.splits;
            const ms = (xs) => lib.meanStd(xs);
            const a = ms(folds.map((f) => f.accuracy));
            const f = ms(folds.map((x) => x.macroF1));
            return ['reference: CountVectorizer + LogisticRegression', pm(a.mean, a.std), pm(f.mean, f.std), ...sources.map((s) => {
              const m = ms(folds.map((x) => x.perSource[s]));
              return pm(m.mean, m.std, 3);
            }), '—'];
          })()]
        : []),
    ],
  );
  const best = rows.reduce((a, b) => (b.accuracy_mean > a.accuracy_mean ? b : a));
  const bag = rows.find((r) => r.model === 'embedding-bag');
  const checks = [
    `best model ${best.model}: mean 10-fold accuracy ${best.accuracy_mean.toFixed(4)} ${best.accuracy_mean >= 0.85 ? '≥' : '<'} 0.85: ${best.accuracy_mean >= 0.85 ? 'met' : 'NOT met'}`,
    `embedding-bag trains in ${bag.train_seconds_mean.toFixed(1)} s a fold (2,400 sentences, early stopping included); under 20 s: ${bag.train_seconds_mean < 20 ? 'met' : 'NOT met'}`,
  ];
  const notes = [machineLine(), ...(ref.skipped ? [ref.skipped] : [])];
  const report = [table, '', ...checks.map((c) => `- ${c}`)].join('\n');
  await printReport({ notes, report, started, readme: fileURLToPath(new URL('../README.md', import.meta.url)), block: 'results', command: 'pnpm --filter @typegrad/sentiment results -- --readme' });
}

await main();

/**
 * The recommender's targets, measured in one run (`pnpm --filter @typegrad/recommender targets`, after a build):
 *
 * - explicit ratings, MovieLens ml-latest-small's random 80/20 split (seed 42): the global mean and the user + item
 *   biases, matrix factorisation and the embedding network with `recommender train`'s defaults, beside
 *   scripts/surprise_reference.py's BaselineOnly and SVD on the same split (run with /usr/bin/python3 after the
 *   training, so it does not slow the epochs timed; left out with a note when it cannot run);
 * - ranking, each user's last 10 ratings held out: popularity, the biases, BPR and (for contrast) matrix
 *   factorisation trained on the ratings, at 10;
 * - the seconds of each training epoch.
 *
 * It prints the tables and whether each target is met; `--readme` also writes them into README.md's
 * `<!-- bench:targets -->` block.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { markdownTable } from '@typegrad/app-kit';
import { loadMovieLens } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { printReport } from '../../../tooling/bench/readme.mjs';
import { machineLine } from '../../../tooling/bench/rounds.mjs';

const lib = await import('../dist/index.js').catch((err) => {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
});
const DATA = fileURLToPath(new URL('../../../data/movielens-small/', import.meta.url));
const REFERENCE = fileURLToPath(new URL('./surprise_reference.py', import.meta.url));
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** `recommender train`'s defaults for each model. */
const SETTINGS = {
  mf: { epochs: 5, batchSize: 512, lr: 0.01, reg: 0.1 },
  nn: { epochs: 3, batchSize: 256, lr: 0.01, reg: 0 },
  bpr: { epochs: 20, batchSize: 1024, lr: 0.005, reg: 1e-4 },
};

/** Trains one model on prepared data with its defaults and seed 42; returns it with its epoch times. */
async function train(kind, data) {
  const generator = new Generator().manualSeed(42);
  const config = lib.modelConfig(kind, { numUsers: data.all.numUsers, numItems: data.all.numItems, mean: lib.meanRating(data.train), scale: data.scale });
  const model = lib.createModel(config, generator);
  // the process's CPU time per epoch beside the wall time: on a shared machine the wall time also counts the time
  // other work took the core
  const cpu = [];
  let since = process.cpuUsage();
  const result = await lib.trainModel(model, data.train, {
    ...SETTINGS[kind],
    generator,
    onEpoch: () => {
      const { user, system } = process.cpuUsage(since);
      cpu.push((user + system) / 1e6);
      since = process.cpuUsage();
    },
  });
  const epochs = result.epochs.map((e) => e.seconds);
  process.stderr.write(`  trained ${kind}: ${epochs.map((s) => s.toFixed(2)).join(', ')} s an epoch (CPU ${cpu.map((s) => s.toFixed(2)).join(', ')})\n`);
  return { model, epochs, cpu };
}

/** scripts/surprise_reference.py's figures, or null with the reason. */
async function reference() {
  const out = join(mkdtempSync(join(tmpdir(), 'recommender-reference-')), 'reference.json');
  try {
    await promisify(execFile)(PYTHON, [REFERENCE, '--data', DATA, '--json', out], { timeout: 1_800_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    return { figures: JSON.parse(readFileSync(out, 'utf8')) };
  } catch (err) {
    return { skipped: `${PYTHON} scripts/surprise_reference.py did not run: ${String(err.stderr || err.message).trim().split('\n').pop()}` };
  }
}

const f4 = (v) => (v === null || v === undefined ? '—' : v.toFixed(4));
const range = (list) => `${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}`;
/** An epoch's seconds over the run: the wall-time range, and the CPU-time range beside it. */
const seconds = (run) => `${range(run.epochs)} (CPU ${range(run.cpu)})`;

async function main() {
  const started = performance.now();
  const { ratings } = await loadMovieLens(DATA);

  const explicit = lib.prepareData(ratings, { kind: 'random', testFraction: 0.2, seed: 42 });
  const mf = await train('mf', explicit);
  const nn = await train('nn', explicit);
  const explicitRows = lib.compareModels({ train: explicit.train, test: explicit.test, scale: explicit.scale, models: [{ name: 'mf', model: mf.model }, { name: 'nn', model: nn.model }] });

  const temporal = lib.prepareData(ratings, { kind: 'temporal', leaveOut: 10 });
  const bpr = await train('bpr', temporal);
  const mfRanking = await train('mf', temporal);
  const rankingRows = lib.compareModels({ train: temporal.train, test: temporal.test, scale: temporal.scale, ratings: false, ranking: true, models: [{ name: 'bpr', model: bpr.model }, { name: 'mf (trained on ratings)', model: mfRanking.model }] });

  const ref = await reference(); // after the training, so it does not slow the epochs timed above
  const byName = Object.fromEntries(explicitRows.map((r) => [r.name, r]));
  const runs = { mf, nn, bpr };
  const explicitTable = markdownTable(
    ['model (random 80/20, seed 42)', 'RMSE', 'MAE', 's per epoch'],
    [
      ...explicitRows.map((r) => [r.name, f4(r.rmse), f4(r.mae), runs[r.name] ? seconds(runs[r.name]) : '—']),
      ...(ref.figures ? Object.entries(ref.figures.models).filter(([name]) => name !== 'global mean').map(([name, m]) => [`reference: Surprise's ${name}`, f4(m.rmse), f4(m.mae), '—']) : []),
    ],
  );
  const rankingTable = markdownTable(
    ["model (each user's last 10 held out)", 'P@10', 'R@10', 'NDCG@10', 's per epoch'],
    rankingRows.filter((r) => r.ndcg !== null).map((r) => [r.name, f4(r.precision), f4(r.recall), f4(r.ndcg), r.name === 'bpr' ? seconds(bpr) : '—']),
  );
  const pop = rankingRows.find((r) => r.name === 'popularity');
  const bprRow = rankingRows.find((r) => r.name === 'bpr');
  const margin = byName['user + item biases'].rmse - byName.mf.rmse;
  const checks = [
    `mf RMSE ${f4(byName.mf.rmse)} ${byName.mf.rmse <= 0.86 ? '≤' : '>'} 0.86: ${byName.mf.rmse <= 0.86 ? 'met' : 'NOT met'}; it beats the biases (${f4(byName['user + item biases'].rmse)}) by ${margin.toFixed(4)} (${((100 * margin) / byName['user + item biases'].rmse).toFixed(1)}%)` +
      (ref.figures ? ` and the reference SVD (${f4(ref.figures.models['SVD (biased, 100 factors, 20 epochs)'].rmse)}) by ${(ref.figures.models['SVD (biased, 100 factors, 20 epochs)'].rmse - byName.mf.rmse).toFixed(4)}` : ''),
    `bpr NDCG@10 ${f4(bprRow.ndcg)} ${bprRow.ndcg > pop.ndcg ? '>' : '≤'} popularity's ${f4(pop.ndcg)}: ${bprRow.ndcg > pop.ndcg ? 'met' : 'NOT met'}`,
    `an mf epoch over ${explicit.train.length.toLocaleString('en-US')} ratings: ${seconds(mf)} s; under 2 s: ${Math.max(...mf.epochs) < 2 ? 'met by every epoch' : Math.max(...mf.epochs.slice(1)) < 2 ? 'met by every epoch after the first (which warms the JIT and the memory pools up)' : 'NOT met by every epoch (see the CPU times: the machine is shared)'}`,
  ];
  const notes = [machineLine(), ...(ref.skipped ? [ref.skipped] : [])];
  const report = [explicitTable, '', rankingTable, '', ...checks.map((c) => `- ${c}`)].join('\n');
  await printReport({ notes, report, started, readme: fileURLToPath(new URL('../README.md', import.meta.url)), block: 'targets', command: 'pnpm --filter @typegrad/recommender targets -- --readme' });
}

await main();

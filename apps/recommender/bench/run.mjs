/**
 * `pnpm bench` for the recommender, two tables:
 *
 * 1. An epoch of `recommender train --model mf` on MovieLens ml-latest-small's 80/20 split (80,669 ratings, 158
 *    batches of 512, 50 factors, squashed, SparseAdam): typegrad runs the library's own training loop (trainModel,
 *    one step per call), PyTorch the same model and step (bench/torch_mf.py: nn.Embedding(sparse=True) tables,
 *    torch.optim.SparseAdam) on one thread and on every core, in its best environment (tooling/bench/python.mjs).
 *    An epoch's seconds are 158 steps at the measured rate.
 * 2. A step as the catalogue grows tenfold at a fixed batch (512): the same factorisation over 610 users and 9,724
 *    items, then 6,100 and 97,240, with sparse embedding gradients and SparseAdam (typegrad and PyTorch) and with
 *    dense ones and Adam (typegrad), to show that a sparse step costs the batch's rows, not the tables'.
 *
 * Each row is measured in rounds (tooling/bench/rounds.mjs), each figure timed by tooling/bench/measure.mjs (or
 * torch_peer.py the same way). Environment: BENCH_TIME, BENCH_RUNS, BENCH_WARMUP, BENCH_ROUNDS, BENCH_PYTHON, as
 * the other benches. With `--readme`, the tables replace the Speed section's generated block in README.md.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RUNS, DEFAULT_TARGET_SECONDS, WARMUP_SECONDS, measure } from '../../../tooling/bench/measure.mjs';
import { pytorchStepPeer } from '../../../tooling/bench/python.mjs';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';
import { DEFAULT_ROUNDS, THREAD_COUNTS, machineLine, measureRounds, medianOf, roundsCells } from '../../../tooling/bench/rounds.mjs';
import { fmt, formatMarkdownTable } from '../../../tooling/bench/table.mjs';
import { loopSteps } from '../../../tooling/bench/loop-steps.mjs';

const DATA = fileURLToPath(new URL('../../../data/movielens-small/', import.meta.url));
const BATCH = 512;
const FACTORS = 50;

let lib, tg, nn, optim, datasets;
try {
  lib = await import('../dist/index.js');
  tg = await import('@typegrad/tensor');
  nn = await import('@typegrad/nn');
  optim = await import('@typegrad/optim');
  datasets = await import('@typegrad/datasets/node');
} catch (err) {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
}

/** trainModel's own loop (its minibatches, its update, its read-back and yields), one step per call of `step()`. */
function trainModelSteps(model, train, options) {
  return loopSteps((onStep, signal) => lib.trainModel(model, train, { ...options, epochs: 1_000_000, signal, onStep }));
}

/** typegrad's `recommender train --model mf` loop on the training ratings. */
function typegradEpoch(split) {
  return {
    name: 'typegrad',
    async measure() {
      const g = new tg.Generator().manualSeed(42);
      const model = lib.createModel(lib.modelConfig('mf', { numUsers: split.train.numUsers, numItems: split.train.numItems, mean: lib.meanRating(split.train), scale: split.scale }), g);
      const { step, stop } = trainModelSteps(model, split.train, { batchSize: BATCH, lr: 0.01, reg: 0.1, generator: g });
      try {
        const r = await measure('typegrad mf epoch', step);
        return { stepsPerSecond: 1 / r.seconds, stepsPerCpuSecond: 1 / r.cpuSeconds };
      } finally {
        await stop();
      }
    },
  };
}

/**
 * The factorisation's step over `users` × `items` tables with random batches, written with nn and optim directly:
 * sparse (Embedding sparse: true, SparseAdam) or dense (Embedding, Adam).
 */
function typegradCatalogue(sparse) {
  return {
    name: `typegrad ${sparse ? 'sparse' : 'dense'}`,
    async measure({ users, items }) {
      const g = new tg.Generator().manualSeed(42);
      const table = (n, width) => {
        const e = new nn.Embedding(n, width, { sparse });
        nn.init.normal_(e.weight, 0, width === 1 ? 0 : 0.01, { generator: g });
        return e;
      };
      const [P, Q, bu, bi] = [table(users, FACTORS), table(items, FACTORS), table(users, 1), table(items, 1)];
      const params = [P, Q, bu, bi].map((e) => e.weight);
      const opt = sparse ? new optim.SparseAdam(params, { lr: 0.01 }) : new optim.Adam(params, { lr: 0.01 });
      const step = () => {
        const u = tg.randint(0, users, [BATCH], { generator: g, dtype: 'int32' });
        const i = tg.randint(0, items, [BATCH], { generator: g, dtype: 'int32' });
        const r = tg.randint(1, 11, [BATCH], { generator: g }).div(2);
        const pu = P.forward(u);
        const qi = Q.forward(i);
        const z = pu.mul(qi).sum(1).add(bu.forward(u).reshape([-1])).add(bi.forward(i).reshape([-1])).add(0.56);
        const loss = nn.mseLoss(z.sigmoid().mul(5.5), r).add(pu.square().sum(1).add(qi.square().sum(1)).mean().mul(0.1));
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return loss.itemSync();
      };
      const r = await measure(`typegrad ${sparse ? 'sparse' : 'dense'} ${users}×${items}`, step);
      return { stepsPerSecond: 1 / r.seconds, stepsPerCpuSecond: 1 / r.cpuSeconds };
    },
  };
}

async function main() {
  if (!existsSync(`${DATA}ratings.csv`)) {
    console.error(`The bench trains on MovieLens ml-latest-small, expected at ${DATA} (the repository's data/movielens-small).`);
    process.exit(1);
  }
  const started = performance.now();
  const { ratings } = await datasets.loadMovieLens(DATA);
  const split = lib.prepareData(ratings, { kind: 'random', testFraction: 0.2, seed: 42 });
  const stepsPerEpoch = Math.ceil(split.train.length / BATCH);
  const script = fileURLToPath(new URL('./torch_mf.py', import.meta.url));
  const header = [
    machineLine(),
    `matrix factorisation as recommender train --model mf: ${FACTORS} factors and biases, squashed into (0, 5.5), MSE + 0.1 × the batch's squared rows, batch ${BATCH}; loss read back every step`,
    `typegrad ${tg.cpuKernels()} kernels; PyTorch: bench/torch_mf.py, the same model with nn.Embedding(sparse=True) and torch.optim.SparseAdam`,
    `each figure: median over ${DEFAULT_ROUNDS} rounds (implementations in alternating order) of the median of ${DEFAULT_RUNS} ` +
      `batches of ~${DEFAULT_TARGET_SECONDS}s of steps after ≥${WARMUP_SECONDS}s of warm-up`,
  ];
  for (const line of header) console.log(line);
  const skipped = new Map();
  const progress = (what) => (r) => process.stderr.write(`  done: ${what}, round ${r + 1} of ${DEFAULT_ROUNDS}\n`);

  // 1. the epoch
  const ours = typegradEpoch(split);
  const torchEpoch = THREAD_COUNTS.map((threads) => pytorchStepPeer(script, { threads, sgemm: false, args: () => ['--ratings', `${DATA}ratings.csv`] }));
  const epochRounds = await measureRounds([ours, ...torchEpoch], null, { skipped, onRound: progress('mf epoch') });
  const epochSeconds = (name) => stepsPerEpoch / medianOf(epochRounds, name, 'stepsPerSecond');
  const epochTable = formatMarkdownTable(
    [{ title: 'implementation', align: 'left' }, { title: 'steps/s' }, { title: 'steps per CPU-s' }, { title: `s per epoch (${stepsPerEpoch} steps)` }],
    [ours, ...torchEpoch].map((impl) => [impl.name, ...roundsCells(epochRounds, 'stepsPerSecond', [{ impl: impl.name }]), ...roundsCells(epochRounds, 'stepsPerCpuSecond', [{ impl: impl.name }]), fmt(epochSeconds(impl.name))]),
  );

  // 2. the catalogue ×10
  const sizes = [{ users: 610, items: 9724 }, { users: 6100, items: 97240 }];
  const catalogue = [typegradCatalogue(true), typegradCatalogue(false), pytorchStepPeer(script, { threads: 1, sgemm: false, name: 'pytorch sparse 1t', args: ({ users, items }) => ['--users', String(users), '--items', String(items)] })];
  const bySize = [];
  for (const size of sizes) bySize.push(await measureRounds(catalogue, size, { skipped, onRound: progress(`${size.users}×${size.items}`) }));
  const ms = (rounds, name) => 1000 / medianOf(rounds, name, 'stepsPerSecond');
  const catalogueTable = formatMarkdownTable(
    [{ title: 'step (batch 512)', align: 'left' }, ...sizes.map((s) => ({ title: `ms, ${s.users.toLocaleString('en-US')} users × ${s.items.toLocaleString('en-US')} items` })), { title: '10× catalogue / 1×' }],
    catalogue.map((impl) => {
      const [small, large] = bySize.map((rounds) => ms(rounds, impl.name));
      return [impl.name, fmt(small), fmt(large), Number.isFinite(large / small) ? `${(large / small).toFixed(2)}×` : '—'];
    }),
  );

  const notes = [...new Set([...torchEpoch, catalogue[2]].flatMap((p) => p.notes()))].concat([...skipped].map(([name, why]) => `${name}: skipped (${why})`));
  console.log(notes.join('\n'));
  console.log('');
  console.log(epochTable);
  console.log('');
  console.log(catalogueTable);
  console.log(`total ${((performance.now() - started) / 1e3).toFixed(0)} s`);
  if (process.argv.includes('--readme')) {
    const readme = fileURLToPath(new URL(process.env.BENCH_README ?? '../README.md', import.meta.url));
    const block = [
      '```', ...header, ...notes, '```', '',
      `One epoch of \`recommender train --model mf\` (${split.train.length.toLocaleString('en-US')} ratings):`, '',
      epochTable, '',
      'A training step as the catalogue grows tenfold, batch fixed at 512:', '',
      catalogueTable, '',
      `(\`pnpm bench -- --readme\` in apps/recommender, ${new Date().toISOString().slice(0, 10)})`,
    ];
    await writeReadmeBlock(readme, 'recommender', block.join('\n'));
    console.log(`wrote the figures into ${readme}`);
  }
}

await main();

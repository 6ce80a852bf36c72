/**
 * How long typegrad's MLP run stays on PyTorch's: trains the lecture's MLP with both (same seed, split, weights and
 * minibatches; PyTorch through scripts/lecture_mlp.py) and prints, for each initialisation, the last step up to
 * which every minibatch loss agrees to four decimals and the largest difference in each stretch of the run.
 *
 *   node scripts/compare_losses.mjs [STEPS] [INIT...]     default: 30000 steps, kaiming and randn (needs `pnpm build`)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNames } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { createModel, evaluateLoss, modelConfig, prepareData, trainModel } from '../dist/index.js';

const steps = Number(process.argv[2] ?? 30_000);
const inits = process.argv.length > 3 ? process.argv.slice(3) : ['kaiming', 'randn'];
const lecture = fileURLToPath(new URL('./lecture_mlp.py', import.meta.url));

async function typegradLosses(init) {
  const { names } = await loadNames();
  const { vocab, splits } = prepareData(names, { blockSize: 3 });
  const g = new Generator().manualSeed(2147483647);
  const model = createModel(modelConfig('mlp', vocab.vocabSize, { init }), g);
  const losses = [];
  await trainModel(model, splits.train, { steps, batchSize: 32, lr: 0.1, decayAt: Math.floor(steps / 2), generator: g, onStep: ({ loss }) => void losses.push(loss) });
  const final = `train ${(await evaluateLoss(model, splits.train)).toFixed(4)}  dev ${(await evaluateLoss(model, splits.dev)).toFixed(4)}`;
  return { losses, final };
}

function pytorchLosses(init) {
  const file = join(mkdtempSync(join(tmpdir(), 'makemore-losses-')), 'losses.json');
  const r = spawnSync('/usr/bin/python3', [lecture, String(steps), init, file], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  if (r.status !== 0) throw new Error(`scripts/lecture_mlp.py failed: ${r.stderr}`);
  return { losses: JSON.parse(readFileSync(file, 'utf8')), final: r.stdout.trim() };
}

for (const init of inits) {
  const { losses: ours, final } = await typegradLosses(init);
  const theirs = pytorchLosses(init);
  const firstApart = ours.findIndex((l, i) => Math.abs(l - theirs.losses[i]) >= 5e-5);
  console.log(`init ${init}: every minibatch loss agrees to 4 decimals ${firstApart < 0 ? `through all ${steps} steps` : `through step ${firstApart} (step ${firstApart + 1} differs by ${Math.abs(ours[firstApart] - theirs.losses[firstApart]).toExponential(1)})`}`);
  console.log(`  final: typegrad ${final}, PyTorch ${theirs.final}`);
  for (const [from, to] of [[0, 100], [100, 1000], [1000, 10000], [10000, steps]]) {
    if (from >= steps) break;
    let worst = 0;
    for (let i = from; i < Math.min(to, steps); i++) worst = Math.max(worst, Math.abs(ours[i] - theirs.losses[i]));
    console.log(`  steps ${from + 1}–${Math.min(to, steps)}: largest difference ${worst.toExponential(2)}`);
  }
}

/**
 * `pnpm bench` for makemore: training steps per second of the lecture's MLP (block 3, emb 10, hidden 200, tanh,
 * cross-entropy, SGD at lr 0.1; a minibatch drawn from 182,625 examples every step, the loss read back every step) at
 * batch 32 and 1024, for typegrad and PyTorch on one thread and on every core, beside TensorFlow.js (cpu and wasm
 * backends, in this process, one thread).
 *
 * - typegrad runs the library's own training loop, trainModel, as `makemore train` does, one step per call
 *   (setCpuThreads sets its thread count);
 * - PyTorch runs the lecture's own loop (bench/torch_mlp.py: `C[Xtr[ix]]`, `@ W1 + b1`, F.cross_entropy, grads set
 *   to None, `p.data += -lr * p.grad`, loss.item()), the fastest way PyTorch runs this model, under /usr/bin/python3
 *   in PyTorch's best environment (tooling/bench/python.mjs; the settings are printed); skipped with a note when
 *   torch cannot be imported;
 * - tfjs runs the same step with tf.train.sgd (bench/tfjs-mlp.mjs).
 * Each batch size is measured in rounds (tooling/bench/rounds.mjs): every implementation once a round, in the
 * opposite order every other round, each timed by tooling/bench/measure.mjs (or torch_peer.py, the same way); each
 * figure is the median over the rounds, each "vs" the median of the rounds' ratios.
 *
 * Environment: BENCH_TIME=seconds per timed batch (default 0.3), BENCH_RUNS=timed batches per measurement (default
 * 5), BENCH_WARMUP=seconds of warm-up per measurement (default 2), BENCH_ROUNDS=rounds (default 3),
 * BENCH_BATCHES=batch sizes (default 32,1024), BENCH_PYTHON=interpreter for the peer. With `--readme`, the figures
 * also replace the Speed section's generated block in README.md.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_RUNS, DEFAULT_TARGET_SECONDS, WARMUP_SECONDS, measure } from '../../../tooling/bench/measure.mjs';
import { pytorchStepPeer } from '../../../tooling/bench/python.mjs';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';
import { DEFAULT_ROUNDS, THREAD_COUNTS, machineLine, measureRounds, roundsCells } from '../../../tooling/bench/rounds.mjs';
import { formatMarkdownTable } from '../../../tooling/bench/table.mjs';
import { loopSteps } from '../../../tooling/bench/loop-steps.mjs';
import { loadTfjs, tfjsStep } from './tfjs-mlp.mjs';

const BATCHES = (process.env.BENCH_BATCHES ?? '32,1024').split(',').map(Number);
const SHAPE = { N: 182625, V: 27, block: 3, emb: 10, hidden: 200 };

let lib, tg;
try {
  lib = await import('../dist/index.js');
  tg = await import('@typegrad/tensor');
} catch (err) {
  console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
}

/** trainModel's own loop (its minibatches, its update, its read-back and yields), one step per call of `step()`. */
function trainModelSteps(model, examples, options) {
  return loopSteps((onStep, signal) => lib.trainModel(model, examples, { ...options, steps: Number.MAX_SAFE_INTEGER, signal, onStep }));
}

/** typegrad on `threads` threads. */
function typegradAt(threads) {
  const defaultThreads = tg.cpuThreads();
  return {
    name: `typegrad ${threads}t`,
    async measure(batch) {
      tg.setCpuThreads(threads);
      const g = new tg.Generator().manualSeed(2147483647);
      const X = tg.randint(0, SHAPE.V, [SHAPE.N, SHAPE.block], { generator: g });
      const Y = tg.randint(0, SHAPE.V, [SHAPE.N], { generator: g });
      const model = lib.createModel(lib.modelConfig('mlp', SHAPE.V), g);
      const { step, stop } = trainModelSteps(model, { X, Y }, { batchSize: batch, lr: 0.1, decayAt: null, generator: g });
      try {
        const r = await measure(`typegrad batch ${batch}, ${threads} threads`, step);
        return { stepsPerSecond: 1 / r.seconds, stepsPerCpuSecond: 1 / r.cpuSeconds };
      } finally {
        await stop();
        tg.setCpuThreads(defaultThreads);
      }
    },
  };
}

/** tfjs on one backend (one thread under Node). */
function tfjsPeer(tf, backend, lookups) {
  return {
    name: `tfjs-${backend}`,
    async measure(batch) {
      const { step, dispose, lookup } = await tfjsStep(tf, backend, { ...SHAPE, batch });
      lookups.set(backend, lookup);
      try {
        const r = await measure(`tfjs-${backend} batch ${batch}`, step);
        return { stepsPerSecond: 1 / r.seconds, stepsPerCpuSecond: 1 / r.cpuSeconds };
      } finally {
        dispose();
      }
    },
  };
}

async function main() {
  const started = performance.now();
  const ours = THREAD_COUNTS.map(typegradAt);
  const script = fileURLToPath(new URL('./torch_mlp.py', import.meta.url));
  const pytorch = THREAD_COUNTS.map((threads) => pytorchStepPeer(script, { threads, args: (batch) => ['--batch', String(batch)] }));
  const tfjs = await loadTfjs();
  const lookups = new Map();
  const tfjsPeers = tfjs.tf ? ['cpu', 'wasm'].map((b) => tfjsPeer(tfjs.tf, b, lookups)) : [];
  const impls = [...ours.flatMap((tgImpl, i) => [tgImpl, pytorch[i]]), ...tfjsPeers];

  const header = [
    machineLine(),
    `makemore MLP training step: block ${SHAPE.block}, emb ${SHAPE.emb}, hidden ${SHAPE.hidden}, tanh, cross-entropy, SGD (lr 0.1); ` +
      `minibatch drawn from ${SHAPE.N.toLocaleString('en-US')} examples each step; loss read back every step`,
    `typegrad: trainModel (as makemore train), ${tg.cpuKernels()} kernels, threads set with setCpuThreads; ` +
      "PyTorch: the lecture's loop (bench/torch_mlp.py); tfjs: tf.train.sgd via optimizer.minimize",
    `each figure: median over ${DEFAULT_ROUNDS} rounds (implementations in alternating order) of the median of ${DEFAULT_RUNS} ` +
      `batches of ~${DEFAULT_TARGET_SECONDS}s of steps after ≥${WARMUP_SECONDS}s of warm-up; each "vs" figure: the median of the rounds' ratios`,
  ];
  for (const line of header) console.log(line);

  const skipped = new Map();
  const byBatch = [];
  for (const batch of BATCHES) {
    const rounds = await measureRounds(impls, batch, {
      skipped,
      onRound: (r) => process.stderr.write(`  done: batch ${batch}, round ${r + 1} of ${DEFAULT_ROUNDS}\n`),
    });
    // the faster tfjs backend of each round, for "vs best tfjs"
    for (const r of rounds) {
      const best = (key) => Math.max(...tfjsPeers.map((p) => r[p.name]?.[key] ?? NaN).filter(Number.isFinite));
      if (tfjsPeers.some((p) => r[p.name])) r['best tfjs'] = { stepsPerSecond: best('stepsPerSecond'), stepsPerCpuSecond: best('stepsPerCpuSecond') };
    }
    byBatch.push([batch, rounds]);
  }

  const columns = [
    { title: 'batch', align: 'left' },
    ...THREAD_COUNTS.flatMap((_, i) => [{ title: ours[i].name }, { title: pytorch[i].name }, { title: `vs ${pytorch[i].name}` }]),
    ...tfjsPeers.map((p) => ({ title: p.name })),
    ...(tfjsPeers.length ? [{ title: `${ours[0].name} vs best tfjs` }] : []),
  ];
  const table = (key) => formatMarkdownTable(columns, byBatch.map(([batch, rounds]) => roundsCells(rounds, key, [
    String(batch),
    ...THREAD_COUNTS.flatMap((_, i) => [{ impl: ours[i].name }, { impl: pytorch[i].name }, { ratio: [ours[i].name, pytorch[i].name] }]),
    ...tfjsPeers.map((p) => ({ impl: p.name })),
    ...(tfjsPeers.length ? [{ ratio: [ours[0].name, 'best tfjs'] }] : []),
  ])));

  const notes = [
    ...pytorch.flatMap((p) => p.notes()),
    ...(tfjs.tf ? [`${tfjs.note}; embedding lookup by ${[...lookups].map(([b, l]) => `${b}: ${l}`).join(', ')}`] : [tfjs.note]),
    ...[...skipped].map(([name, why]) => `${name}: skipped (${why})`),
  ];
  const wall = table('stepsPerSecond');
  const cpu = table('stepsPerCpuSecond');
  const footer = 'steps/s, higher is better; vs X = typegrad / X, above 1× typegrad is faster (tfjs, one thread under Node, against typegrad on one)';
  console.log(notes.join('\n'));
  console.log('');
  console.log(wall);
  console.log('');
  console.log('The same per second of process CPU time (discounts time the machine gave to other work; counts every thread):');
  console.log('');
  console.log(cpu);
  console.log(`\n${footer}`);
  console.log(`total ${((performance.now() - started) / 1e3).toFixed(0)} s`);
  if (process.argv.includes('--readme')) {
    const readme = fileURLToPath(new URL(process.env.BENCH_README ?? '../README.md', import.meta.url));
    const block = [
      '```', ...header, ...notes, '```', '',
      wall, '',
      'Steps per second of process CPU time (discounts time the machine gave to other work; counts every thread):', '',
      cpu, '',
      `${footer} (\`pnpm bench -- --readme\` in apps/makemore, ${new Date().toISOString().slice(0, 10)})`,
    ];
    await writeReadmeBlock(readme, 'mlp-step', block.join('\n'));
    console.log(`wrote the figures into ${readme}`);
  }
}

await main();

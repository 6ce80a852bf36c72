/**
 * `pnpm bench` (in packages/optim): training steps per second of the makemore MLP — embedding 27×10, block 3,
 * Linear(30, 200), tanh, Linear(200, 27), cross-entropy; one step is forward, backward and Adam, with the loss
 * read back — in typegrad and PyTorch on one thread and on every core, beside TensorFlow.js (cpu and wasm backends,
 * in this process, one thread), as one table. PyTorch is bench/mlp_step.py under /usr/bin/python3 (skipped when torch
 * cannot be imported), run by tooling/bench/python.mjs in PyTorch's best environment, with the fastest of
 * torch.optim.Adam's forms (default, foreach=True, fused=True where it exists) and of two ways to write the forward;
 * the settings and the forms it ran are printed.
 *
 * Each row is a batch size, measured in rounds (tooling/bench/rounds.mjs): every implementation once a round, in the
 * opposite order every other round; each figure is the median over the rounds, each "vs" the median of the rounds'
 * ratios. Environment: BENCH_TIME=seconds per timed batch (default 0.3), BENCH_RUNS=timed batches per measurement
 * (default 5; the median is taken), BENCH_WARMUP=seconds of warm-up per measurement (default 2), BENCH_ROUNDS=rounds
 * (default 3), BENCH_BATCHES=comma-separated batch sizes (default 32,1024), BENCH_PYTHON=interpreter for the peer.
 */
import { DEFAULT_TARGET_SECONDS, DEFAULT_RUNS, WARMUP_SECONDS } from '../../../tooling/bench/measure.mjs';
import { DEFAULT_ROUNDS, THREAD_COUNTS, machineLine, measureRounds, roundsCells } from '../../../tooling/bench/rounds.mjs';
import { formatTable } from '../../../tooling/bench/table.mjs';
import { loadTypegrad } from './impls/typegrad.mjs';
import { loadTfjsPeers } from './impls/tfjs.mjs';
import { loadPytorchPeer } from './impls/pytorch.mjs';

const BATCHES = (process.env.BENCH_BATCHES ?? '32,1024').split(',').map(Number);

function header(notes) {
  return [
    machineLine(),
    ...notes,
    'model: makemore MLP, vocab 27, block 3, embedding 10, hidden 200; one step = forward, backward, Adam (lr 1e-3), ' +
      'grads set to none, loss read back (typegrad: await loss.item(), tfjs: dataSync(), pytorch: loss.item())',
    `each figure: median over ${DEFAULT_ROUNDS} rounds (implementations in alternating order) of the median of ${DEFAULT_RUNS} ` +
      `batches of ~${DEFAULT_TARGET_SECONDS}s of steps after ≥${WARMUP_SECONDS}s of warm-up; each "vs" figure: the median of the rounds' ratios`,
  ].join('\n');
}

async function main() {
  const started = performance.now();
  const typegrad = await loadTypegrad();
  const tfjs = await loadTfjsPeers();
  const ours = THREAD_COUNTS.map((t) => typegrad.at(t));
  const pytorch = THREAD_COUNTS.map((t) => loadPytorchPeer(t));
  const tfjsPeers = tfjs ? tfjs.peers : [];
  const impls = [...ours.flatMap((tg, i) => [tg, pytorch[i].peer]), ...tfjsPeers];

  console.log(header([
    `typegrad: ${typegrad.kernels()} kernels, threads set with setCpuThreads (default ${typegrad.threads()})`,
    ...(tfjs ? tfjs.notes : ['tfjs: not installed, peers skipped']),
  ]));
  console.log('');

  // cells of a row: typegrad and pytorch at each thread count with their ratio, then tfjs against typegrad on 1 thread
  const cells = (label, unit) => [
    label, unit,
    ...THREAD_COUNTS.flatMap((_, i) => [{ impl: ours[i].name }, { impl: pytorch[i].peer.name }, { ratio: [ours[i].name, pytorch[i].peer.name] }]),
    ...tfjsPeers.flatMap((p) => [{ impl: p.name }, { ratio: [ours[0].name, p.name] }]),
  ];
  const columns = [
    { title: 'benchmark', align: 'left' },
    { title: 'unit', align: 'left' },
    ...THREAD_COUNTS.flatMap((_, i) => [{ title: ours[i].name }, { title: pytorch[i].peer.name }, { title: `vs ${pytorch[i].peer.name}` }]),
    ...tfjsPeers.flatMap((p) => [{ title: p.name }, { title: `vs ${p.name}` }]),
  ];

  const skipped = new Map();
  const wall = [];
  const cpu = [];
  for (const batch of BATCHES) {
    const rounds = await measureRounds(impls, batch, {
      skipped,
      onRound: (r) => process.stderr.write(`  done: batch ${batch}, round ${r + 1} of ${DEFAULT_ROUNDS}\n`),
    });
    wall.push(roundsCells(rounds, 'stepsPerSecond', cells(`mlp step, batch ${batch}`, 'steps/s')));
    cpu.push(roundsCells(rounds, 'stepsPerCpuSecond', cells(`mlp step, batch ${batch}`, 'steps/CPU-s')));
  }

  console.log(formatTable(columns, wall));
  console.log('');
  console.log('The same per second of process CPU time: this discounts time the machine gave to other work but counts');
  console.log("V8's background GC and compiler threads and, at more than one thread, every thread's time:");
  console.log(formatTable(columns, cpu));
  console.log('');
  console.log(`vs X = typegrad / X: above 1× typegrad is faster; tfjs (one thread under Node) is compared with ${ours[0].name}.`);
  for (const line of pytorch.flatMap((p) => p.notes())) console.log(line);
  for (const [name, why] of skipped) console.log(`${name}: skipped (${why})`);
  console.log(`total ${((performance.now() - started) / 1e3).toFixed(0)} s`);
}

await main();

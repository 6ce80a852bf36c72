/**
 * `pnpm bench` (in packages/optim): training steps per second of the makemore MLP — embedding 27×10, block 3,
 * Linear(30, 200), tanh, Linear(200, 27), cross-entropy; one step is forward, backward and Adam, with the loss
 * read back — in typegrad beside TensorFlow.js (cpu and wasm backends, in this process) and PyTorch on one
 * thread and on every core (bench/mlp_step.py under /usr/bin/python3, skipped when torch cannot be imported), as
 * one table.
 *
 * Each row is a batch size; the implementations are interleaved row by row so drifts in machine speed hit
 * them alike. Environment: BENCH_TIME=seconds per timed batch (default 0.3), BENCH_RUNS=timed batches per
 * figure (default 5; the median is reported), BENCH_BATCHES=comma-separated batch sizes (default 32,1024),
 * BENCH_PYTHON=interpreter for the PyTorch peer.
 */
import os from 'node:os';
import { DEFAULT_TARGET_SECONDS, DEFAULT_RUNS } from '../../../tooling/bench/measure.mjs';
import { formatTable, fmt } from '../../../tooling/bench/table.mjs';
import { loadTypegrad } from './impls/typegrad.mjs';
import { loadTfjsPeers } from './impls/tfjs.mjs';
import { loadPytorchPeer } from './impls/pytorch.mjs';

const BATCHES = (process.env.BENCH_BATCHES ?? '32,1024').split(',').map(Number);
/**
 * Rounds per batch size; BENCH_ROUNDS overrides it. Every implementation is measured once a round, in the opposite
 * order every other round, and each "vs" figure is the median of the rounds' ratios: this machine's speed swings
 * up to 2× over minutes, so a peer measured a minute after typegrad could see another machine.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The median of some numbers (NaN for none). */
function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function header(notes) {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return [
    `machine: ${cores} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${os.platform()} ${os.arch()}, ${mem} GiB, load average ${load}`,
    `node ${process.version} (V8 ${process.versions.v8})`,
    ...notes,
    'model: makemore MLP, vocab 27, block 3, embedding 10, hidden 200; one step = forward, backward, Adam (lr 1e-3), ' +
      'loss read back (typegrad: await loss.item(), tfjs: dataSync(), pytorch: loss.item())',
    `each figure: median over ${ROUNDS} rounds (implementations in alternating order) of the median of ${DEFAULT_RUNS} ` +
      `batches of ~${DEFAULT_TARGET_SECONDS}s of steps after warm-up; each "vs" figure: the median of the rounds' ratios`,
  ].join('\n');
}

async function main() {
  const started = performance.now();
  const typegrad = await loadTypegrad();
  const tfjs = await loadTfjsPeers();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const pytorch = [await loadPytorchPeer(1), ...(cores > 1 ? [await loadPytorchPeer(cores)] : [])];
  const peers = [...(tfjs ? tfjs.peers : []), ...pytorch.map((p) => p.peer)];
  const impls = [typegrad, ...peers];

  console.log(header(tfjs ? tfjs.notes : ['tfjs: not installed, peers skipped']));
  console.log('');

  const skipped = new Map();
  const wall = [];
  const cpu = [];
  for (const batch of BATCHES) {
    const rounds = []; // per round: implementation name → its result
    for (let round = 0; round < ROUNDS; round++) {
      const results = {};
      for (const impl of round % 2 === 0 ? impls : [...impls].reverse()) {
        if (skipped.has(impl.name)) continue;
        const r = await impl.measure(batch);
        if (r.skipped) skipped.set(impl.name, r.skipped);
        else results[impl.name] = r;
      }
      rounds.push(results);
      process.stderr.write(`  done: batch ${batch}, round ${round + 1} of ${ROUNDS}\n`);
    }
    wall.push(row(`mlp step, batch ${batch}`, 'steps/s', rounds, 'stepsPerSecond'));
    cpu.push(row(`mlp step, batch ${batch}`, 'steps/CPU-s', rounds, 'stepsPerCpuSecond'));
  }

  function row(label, unit, rounds, key) {
    const rates = (name) => rounds.map((r) => r[name]?.[key] ?? NaN);
    const ours = rates(typegrad.name);
    const cells = [label, unit, fmt(median(ours))];
    for (const peer of peers) {
      const theirs = rates(peer.name);
      const ratio = median(ours.map((x, i) => x / theirs[i]));
      cells.push(fmt(median(theirs)), Number.isFinite(ratio) ? `${fmt(ratio)}×` : '—');
    }
    return cells;
  }

  const columns = [
    { title: 'benchmark', align: 'left' },
    { title: 'unit', align: 'left' },
    { title: 'typegrad' },
    ...peers.flatMap((p) => [{ title: p.name }, { title: `vs ${p.name}` }]),
  ];
  console.log(formatTable(columns, wall));
  console.log('');
  console.log('The same batches per second of process CPU time: this discounts time the machine gave to other work');
  console.log(`(load average now ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}) but counts V8's background GC and compiler threads,`);
  console.log('so a quiet run can show fewer steps per CPU-second than per second:');
  console.log(formatTable(columns, cpu));
  console.log('');
  console.log('vs X = typegrad / X: above 1× typegrad is faster.');
  for (const line of pytorch.flatMap((p) => p.notes())) console.log(line);
  for (const [name, why] of skipped) console.log(`${name}: skipped (${why})`);
  console.log(`total ${((performance.now() - started) / 1e3).toFixed(0)} s`);
}

await main();

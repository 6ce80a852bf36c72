/**
 * `pnpm bench`: throughput of typegrad against peers measured in this same process, as one table.
 *
 * Each row is an operation at one size; each column an implementation. An implementation is an object
 * { name, prepare(kind, size) } where `prepare` sets up inputs and returns { fn, sync, release, dispose }
 * for `measure` (or null when it does not support that row). Adding a row means adding an entry to ROWS
 * and a `kind` to the implementations; adding a peer means adding an implementation to the `impls` list
 * in main() (peers live in impls/, like impls/tfjs.mjs). PyTorch (impls/pytorch.mjs) runs out of process, on one
 * thread and on every core, each row timed inside Python.
 *
 * Environment: BENCH_TIME=seconds per timed batch (default 0.6), BENCH_FILTER=regex on row labels.
 */
import os from 'node:os';
import { measure, DEFAULT_TARGET_SECONDS } from './lib/measure.mjs';
import { shapeOf } from './lib/shapes.mjs';
import { formatTable, fmt } from '../../../tooling/bench/table.mjs';
import { loadTfjsPeers } from './impls/tfjs.mjs';
import { loadPytorchPeers } from './impls/pytorch.mjs';
import { runWebGPUBench } from './webgpu.mjs';

const MATMUL_SIZES = [128, 256, 512, 1024];
const ELEMENTS = 1 << 20;

/** `work` is the amount done by one call, in the row's unit × seconds. */
const ROWS = [
  ...MATMUL_SIZES.map((n) => ({
    label: `matmul ${n}×${n}`, kind: 'matmul', size: n, unit: 'GFLOP/s', work: (2 * n ** 3) / 1e9,
  })),
  { label: 'add 1M', kind: 'add', size: ELEMENTS, unit: 'Melem/s', work: ELEMENTS / 1e6 },
  { label: 'tanh 1M', kind: 'tanh', size: ELEMENTS, unit: 'Melem/s', work: ELEMENTS / 1e6 },
  // crossEntropy's first step for the makemore MLP at batch 1024: 27 classes a row
  { label: 'logSoftmax 1024×27', kind: 'logSoftmax', size: 1024, unit: 'Melem/s', work: (1024 * 27) / 1e6 },
];

/** typegrad through its public API, as built by tsup into dist/. */
async function loadTypegrad() {
  let tg;
  try {
    tg = await import('../dist/index.js');
  } catch (err) {
    console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
    process.exit(1);
  }
  const { randn, manualSeed, setCpuKernels, cpuKernels, setCpuThreads, cpuThreads } = tg;
  const threads = cpuThreads();
  const typegrad = {
    name: 'typegrad',
    kernels: cpuKernels(),
    threads,
    async prepare(kind, size) {
      manualSeed(0);
      const shape = shapeOf(kind, size);
      const x = randn(shape);
      const y = randn(shape);
      const ops = { matmul: () => x.matmul(y), add: () => x.add(y), tanh: () => x.tanh(), logSoftmax: () => x.logSoftmax(1) };
      if (!ops[kind]) return null;
      // Results are disposed as tfjs's are: the CPU allocator then reuses their memory instead of faulting in
      // fresh pages for every result (the garbage collector would get to them only later).
      return { fn: ops[kind], sync: (t) => t.toArray(), release: (t) => t.dispose(), dispose: () => {} };
    },
  };
  // The same matmul on the plain JS kernel (the fallback where WebAssembly SIMD is missing), for comparison.
  const typegradJs = {
    name: 'typegrad-js',
    async prepare(kind, size) {
      if (kind !== 'matmul' && kind !== 'logSoftmax') return null;
      const c = await typegrad.prepare(kind, size);
      await setCpuKernels('js');
      return { ...c, dispose: () => setCpuKernels('auto') };
    },
  };
  // The Wasm matmul on the calling thread only (setCpuThreads(1)), beside `typegrad` on every core.
  const typegrad1t = {
    name: 'typegrad-1t',
    async prepare(kind, size) {
      if (kind !== 'matmul') return null;
      const c = await typegrad.prepare(kind, size);
      setCpuThreads(1);
      return { ...c, dispose: () => setCpuThreads(threads) };
    },
  };
  return [typegrad, typegrad1t, typegradJs];
}

function header(notes) {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return [
    `machine: ${cores} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${os.platform()} ${os.arch()}, ${mem} GiB`,
    `node ${process.version} (V8 ${process.versions.v8})`,
    ...notes,
    `each figure: median of up to 3 batches of ~${DEFAULT_TARGET_SECONDS}s after warm-up; ` +
      'the last result of each batch is read back (typegrad: await toArray(), tfjs: dataSync())',
  ].join('\n');
}

async function main() {
  const started = performance.now();
  const [typegrad, typegrad1t, typegradJs] = await loadTypegrad();
  const tfjs = await loadTfjsPeers();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const pytorch = loadPytorchPeers(cores, DEFAULT_TARGET_SECONDS);
  const inProcess = tfjs ? tfjs.peers : [];
  const peers = [...inProcess, ...pytorch.peers];
  const impls = [typegrad, typegrad1t, typegradJs, ...inProcess];
  const skipped = new Map();

  console.log(header([
    `typegrad float32 matmul kernel: ${typegrad.kernels} on ${typegrad.threads} thread${typegrad.threads === 1 ? '' : 's'} ` +
      "(typegrad-1t: the same on one, setCpuThreads(1); typegrad-js: the plain JS kernels, setCpuKernels('js'))",
    ...(tfjs ? tfjs.notes : ['tfjs: not installed, peers skipped']),
  ]));
  console.log('');

  const filter = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : null;
  const rows = ROWS.filter((r) => !filter || filter.test(r.label));
  const table = [];
  for (const row of rows) {
    // Implementations are interleaved row by row so slow drifts in machine speed hit them alike.
    const rate = {};
    for (const impl of impls) {
      const c = await impl.prepare(row.kind, row.size);
      if (!c) continue;
      try {
        const { seconds } = await measure(`${impl.name} ${row.label}`, c.fn, { sync: c.sync, release: c.release });
        rate[impl.name] = row.work / seconds;
      } finally {
        c.dispose();
      }
    }
    // PyTorch runs in its own process (bench/torch_ops.py), one row at a time, so it interleaves too
    for (const peer of pytorch.peers) {
      const r = await peer.measureRow(row);
      if (r.skipped) skipped.set(peer.name, r.skipped);
      else rate[peer.name] = r.rate;
    }
    const cells = [row.label, row.unit, fmt(rate[typegrad.name]), fmt(rate[typegrad1t.name]), fmt(rate[typegradJs.name])];
    for (const peer of peers) {
      const ratio = rate[typegrad.name] / rate[peer.name];
      cells.push(fmt(rate[peer.name]), Number.isFinite(ratio) ? `${fmt(ratio)}×` : '—');
    }
    table.push(cells);
    process.stderr.write(`  done: ${row.label}\n`);
  }

  const columns = [
    { title: 'benchmark', align: 'left' },
    { title: 'unit', align: 'left' },
    { title: 'typegrad' },
    { title: 'typegrad-1t' },
    { title: 'typegrad-js' },
    ...peers.flatMap((p) => [{ title: p.name }, { title: `vs ${p.name}` }]),
  ];
  console.log(formatTable(columns, table));
  console.log('');
  console.log('vs X = typegrad / X: above 1× typegrad is faster.');
  for (const line of pytorch.notes()) console.log(line);
  for (const [name, why] of skipped) console.log(`${name}: skipped (${why})`);
  console.log(`total ${((performance.now() - started) / 1e3).toFixed(0)} s`);
}

await main();
await runWebGPUBench();

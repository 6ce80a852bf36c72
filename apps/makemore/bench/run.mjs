/**
 * `pnpm bench` for makemore: training steps per second of the lecture's MLP (block 3, emb 10, hidden 200, tanh,
 * SGD) at batch 32 and 1024, for typegrad beside TensorFlow.js (cpu and wasm backends, this process) and PyTorch
 * on one thread (bench/torch_mlp.py with /usr/bin/python3, skipped with a note when torch cannot be imported).
 *
 * Environment: BENCH_TIME = seconds timed per figure (default 3). With `--readme`, the figures also replace the
 * Speed section's generated block in README.md.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';
import { loadTfjs, tfjsStep } from './tfjs-mlp.mjs';

const SECONDS = Number(process.env.BENCH_TIME ?? 3);
const BATCHES = [32, 1024];
const SHAPE = { N: 182625, V: 27, block: 3, emb: 10, hidden: 200 };

/** Steps per second of `step` (sync or async), after a warm-up. */
async function rate(step) {
  const warm = performance.now();
  while (performance.now() - warm < Math.min(1000, (SECONDS * 1000) / 3)) await step();
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    await step();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

/** typegrad through the makemore library, as `makemore train` runs it: one trainModel step per call. */
async function typegradRates() {
  let lib, tg, ds;
  try {
    lib = await import('../dist/index.js');
    tg = await import('@typegrad/tensor');
  } catch (err) {
    console.error(`Cannot load ../dist/index.js (${err.message}). Run \`pnpm build\` first.`);
    process.exit(1);
  }
  const g = new tg.Generator().manualSeed(2147483647);
  const X = tg.randint(0, SHAPE.V, [SHAPE.N, SHAPE.block], { generator: g });
  const Y = tg.randint(0, SHAPE.V, [SHAPE.N], { generator: g });
  const out = {};
  for (const batch of BATCHES) {
    // one long trainModel run, timed from its own step callback and stopped by its signal
    const model = lib.createModel(lib.modelConfig('mlp', SHAPE.V), g);
    const stop = new AbortController();
    const warmUp = Math.min(1, SECONDS / 3);
    let start = 0;
    let count = 0;
    await lib.trainModel(model, { X, Y }, {
      steps: 1e9,
      batchSize: batch,
      lr: 0.1,
      decayAt: null,
      generator: g,
      signal: stop.signal,
      onStep: ({ seconds }) => {
        if (seconds < warmUp) return;
        if (count === 0) start = performance.now();
        count++;
        if (performance.now() - start >= SECONDS * 1000) stop.abort();
      },
    });
    out[batch] = (count - 1) / ((performance.now() - start) / 1000);
  }
  return out;
}

async function tfjsRates() {
  const { tf, note } = await loadTfjs();
  if (!tf) return { note, rates: {} };
  const rates = {};
  const lookups = [];
  for (const backend of ['cpu', 'wasm']) {
    rates[backend] = {};
    for (const batch of BATCHES) {
      const { step, dispose, lookup } = await tfjsStep(tf, backend, { ...SHAPE, batch });
      rates[backend][batch] = await rate(step);
      dispose();
      if (batch === BATCHES[0]) lookups.push(`${backend}: ${lookup}`);
    }
  }
  return { note: `${note}; embedding lookup by ${lookups.join(', ')}`, rates };
}

function torchRates() {
  const script = fileURLToPath(new URL('./torch_mlp.py', import.meta.url));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('/usr/bin/python3', [script, String(SECONDS), ...BATCHES.map(String)], { env, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    return { note: `PyTorch skipped: /usr/bin/python3 could not run bench/torch_mlp.py (${why})`, rates: {} };
  }
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  const blas = result.blas.find((p) => /openblas|mkl|blis|atlas/i.test(p.split('/').pop())) ?? result.blas[0] ?? 'no BLAS library found';
  return { note: `PyTorch ${result.torch}: ${result.threads} thread, BLAS ${blas}`, rates: result.steps_per_s };
}

const fmt = (v) => (v === undefined ? 'n/a' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}×`);

async function main() {
  const cpus = os.cpus();
  const header = [
    `machine: ${os.availableParallelism?.() ?? cpus.length} cores (${cpus[0]?.model.trim()}), node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`,
    `makemore MLP training step: block ${SHAPE.block}, emb ${SHAPE.emb}, hidden ${SHAPE.hidden}, tanh, cross-entropy, SGD; minibatch gathered from ${SHAPE.N.toLocaleString('en-US')} examples; loss read back every step`,
    `each figure: steps/s over ~${SECONDS}s after a warm-up`,
  ];
  for (const line of header) console.log(line);
  const typegrad = await typegradRates();
  const tfjs = await tfjsRates();
  const torch = torchRates();
  const notes = [tfjs.note, torch.note];
  for (const note of notes) console.log(note);
  console.log('');
  const rows = [['batch', 'typegrad', 'tfjs-cpu', 'tfjs-wasm', 'PyTorch (1 thread)', 'typegrad / best tfjs', 'typegrad / PyTorch']];
  for (const b of BATCHES) {
    const best = Math.max(tfjs.rates.cpu?.[b] ?? 0, tfjs.rates.wasm?.[b] ?? 0) || undefined;
    rows.push([String(b), fmt(typegrad[b]), fmt(tfjs.rates.cpu?.[b]), fmt(tfjs.rates.wasm?.[b]), fmt(torch.rates[b]), ratio(typegrad[b], best), ratio(typegrad[b], torch.rates[b])]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const table = [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)];
  for (const l of table) console.log(l);
  console.log('\nsteps/s, higher is better');
  if (process.argv.includes('--readme')) {
    const readme = fileURLToPath(new URL('../README.md', import.meta.url));
    const block = ['```', ...header, ...notes, '```', '', ...table, '', `steps/s, higher is better (\`pnpm bench -- --readme\` in apps/makemore, ${new Date().toISOString().slice(0, 10)})`];
    await writeReadmeBlock(readme, 'mlp-step', block.join('\n'));
    console.log(`wrote the figures into ${readme}`);
  }
}

await main();

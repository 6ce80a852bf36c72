/**
 * `pnpm bench` (in packages/transformer): one training iteration of makemore's transformer (names, batch 32) and of
 * nanoGPT's CPU Shakespeare model (batch 12 of 64 characters), typegrad beside PyTorch on one thread and on every
 * core (bench/gpt_step.py with /usr/bin/python3, AdamW foreach, run by tooling/bench/python.mjs in PyTorch's best
 * environment: glibc's allocator keeping its memory, OpenBLAS choosing its kernels for this CPU, OpenMP workers that
 * sleep rather than spin; the settings are printed); then generation tokens/s with the KV
 * cache and without, at 256 new tokens; with BENCH_LONG=1, 2,000 training steps and 10,000 generated tokens with the
 * live buffers and heap before and after.
 *
 * Rounds alternate the order of the implementations and each ratio is the median of the rounds' ratios (this
 * machine's speed swings by 2× over minutes; tooling/bench/rounds.mjs). Environment: BENCH_TIME (seconds per timed
 * batch, default 0.3), BENCH_RUNS (timed batches, default 5), BENCH_WARMUP (seconds of warm-up, default 2),
 * BENCH_ROUNDS (default 3), BENCH_PYTHON. With `--readme`, what it prints replaces the Speed section's generated block
 * in README.md.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_RUNS, DEFAULT_TARGET_SECONDS, measure, median } from '../../../tooling/bench/measure.mjs';
import { describeTorch, runPythonPeer } from '../../../tooling/bench/python.mjs';
import { CORES, DEFAULT_ROUNDS, THREAD_COUNTS, machineLine, measureRounds, roundsCells } from '../../../tooling/bench/rounds.mjs';
import { writeReadmeBlock } from '../../../tooling/bench/readme.mjs';
import { formatTable, fmt } from '../../../tooling/bench/table.mjs';

let tg, tf, optim;
try {
  tg = await import('@typegrad/tensor');
  tf = await import('../dist/index.js');
  optim = await import('@typegrad/optim');
} catch (err) {
  console.error(`Cannot load the built packages (${err.message}). Run \`pnpm build\` first.`);
  process.exit(1);
}

const ROUNDS = DEFAULT_ROUNDS;
const PEER = fileURLToPath(new URL('./gpt_step.py', import.meta.url));

const CONFIGS = {
  makemore: { model: { vocabSize: 27, blockSize: 16, nLayer: 4, nHead: 4, nEmbd: 64, gelu: 'tanh', init: 'pytorch', tieWeights: false }, batch: 32, lr: 5e-4, weightDecay: 0.01 },
  shakespeare: { model: { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, bias: false }, batch: 12, lr: 1e-3, weightDecay: 0.1 },
};

/** typegrad's training step for a config: forward, loss, backward, AdamW, the loss read back. */
function typegradStep(name) {
  const c = CONFIGS[name];
  const g = new tg.Generator().manualSeed(0);
  const model = new tf.GPT(c.model, { generator: g });
  const optimizer = new optim.AdamW(model.parameters(), { lr: c.lr, betas: [0.9, 0.99], weightDecay: c.weightDecay });
  const x = tg.randint(0, c.model.vocabSize, [c.batch, c.model.blockSize], { generator: g });
  const y = tg.randint(0, c.model.vocabSize, [c.batch, c.model.blockSize], { generator: g });
  return async () => {
    optimizer.zeroGrad();
    const loss = tf.languageModelLoss(model.forward(x), y);
    loss.backward();
    optimizer.step();
    return loss.item();
  };
}

async function typegradRate(name, threads) {
  tg.setCpuThreads(threads);
  const r = await measure(`typegrad ${name}`, typegradStep(name));
  return 1 / r.seconds;
}

const peerNotes = new Set();
async function pytorchRate(name, threads) {
  // PyTorch's best environment (GLIBC_TUNABLES, OPENBLAS_CORETYPE removed, ...) is the runner's default
  const r = await runPythonPeer(PEER, ['--config', name, '--seconds', String(DEFAULT_TARGET_SECONDS), '--runs', String(DEFAULT_RUNS)], threads);
  if (r.skipped) {
    peerNotes.add(`PyTorch skipped: ${r.skipped}`);
    return NaN;
  }
  peerNotes.add(describeTorch(r));
  return r.steps_per_s;
}

/** Rows of training steps/s: typegrad and PyTorch on 1 thread and on every core, rounds in alternating order. */
async function trainingRows() {
  const threads = THREAD_COUNTS;
  const impls = threads.flatMap((t) => [
    { name: `tg${t}`, measure: async (name) => ({ rate: await typegradRate(name, t) }) },
    { name: `pt${t}`, measure: async (name) => ({ rate: await pytorchRate(name, t) }) },
  ]);
  const rows = [];
  for (const name of Object.keys(CONFIGS)) {
    const rounds = await measureRounds(impls, name, { rounds: ROUNDS });
    const label = name === 'makemore' ? 'makemore transformer (batch 32 × 16)' : 'shakespeare gpt (batch 12 × 64)';
    rows.push(roundsCells(rounds, 'rate', [label, ...threads.flatMap((t) => [{ impl: `tg${t}` }, { impl: `pt${t}` }, { ratio: [`tg${t}`, `pt${t}`] }])]));
  }
  tg.setCpuThreads(CORES);
  const columns = [{ title: 'training step/s', align: 'left' }, ...threads.flatMap((t) => [{ title: `typegrad ${t}t` }, { title: `pytorch ${t}t` }, { title: `vs pytorch ${t}t` }])];
  return formatTable(columns, rows);
}

/** Tokens/s generating 256 tokens from one, with and without the KV cache. */
async function generationRow() {
  const model = new tf.GPT({ vocabSize: 65, blockSize: 512, nLayer: 4, nHead: 4, nEmbd: 128, bias: false }, { generator: new tg.Generator().manualSeed(0) });
  const rate = async (useCache) => {
    const times = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      let n = 0;
      for await (const _ of tf.generate(model, [0], { maxNewTokens: 256, useCache, generator: new tg.Generator().manualSeed(r) })) n++;
      times.push(n / ((performance.now() - t0) / 1000));
    }
    return median(times);
  };
  const cached = await rate(true);
  const uncached = await rate(false);
  return formatTable([{ title: 'generation, 256 tokens (4 layers, 128 wide, block 512)', align: 'left' }, { title: 'tokens/s' }], [
    ['with the KV cache', fmt(cached)],
    ['without (the whole context every token)', fmt(uncached)],
    ['cache speed-up', `${(cached / uncached).toFixed(1)}×`],
  ]);
}

/** Live buffers and heap over 2,000 training steps and 10,000 generated tokens (BENCH_LONG=1). */
async function longRow() {
  const gc = globalThis.gc;
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    return { ...tg.memoryStats('cpu'), heap: process.memoryUsage().heapUsed };
  };
  const step = typegradStep('makemore');
  for (let i = 0; i < 100; i++) await step();
  const a = await settle();
  for (let i = 0; i < 2000; i++) await step();
  const b = await settle();
  const model = new tf.GPT({ vocabSize: 65, blockSize: 64, nLayer: 2, nHead: 2, nEmbd: 32, bias: false });
  let n = 0;
  for await (const _ of tf.generate(model, [0], { maxNewTokens: 10_000, generator: new tg.Generator().manualSeed(1) })) n++;
  const c = await settle();
  const mb = (x) => (x / 2 ** 20).toFixed(1);
  return [
    `memory (gc ${gc ? 'forced' : 'not exposed: run node --expose-gc'}): after 100 steps ${a.buffers} buffers, ${mb(a.bytes)} MB, heap ${mb(a.heap)} MB;`,
    `  after 2,000 more ${b.buffers} buffers, ${mb(b.bytes)} MB, heap ${mb(b.heap)} MB; after ${n.toLocaleString('en')} generated tokens ${c.buffers} buffers, ${mb(c.bytes)} MB, heap ${mb(c.heap)} MB`,
  ].join('\n');
}

const header = [machineLine(), `each figure: median over ${ROUNDS} rounds of the median of ${DEFAULT_RUNS} batches of ~${DEFAULT_TARGET_SECONDS}s of steps after warm-up`];
for (const line of header) console.log(line);
const training = await trainingRows();
for (const note of peerNotes) console.log(note);
const generation = await generationRow();
console.log(`\n${training}\n\n${generation}`);
const long = process.env.BENCH_LONG === '1' ? await longRow() : null;
if (long !== null) console.log(`\n${long}`);
if (process.argv.includes('--readme')) {
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  const block = [
    // the tables are aligned text: they stay inside the fence
    '```', ...header, ...peerNotes, '', training, '', generation, ...(long === null ? [] : ['', long]), '```', '',
    `steps/s and tokens/s, higher is better; vs pytorch = typegrad / PyTorch (\`pnpm bench -- --readme\` in packages/transformer, ${new Date().toISOString().slice(0, 10)})`,
  ];
  await writeReadmeBlock(readme, 'transformer', block.join('\n'));
  console.log(`wrote the figures into ${readme}`);
}

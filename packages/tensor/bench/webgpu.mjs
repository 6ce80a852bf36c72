/**
 * The WebGPU section of `pnpm bench`: typegrad's WebGPU backend beside @tensorflow/tfjs-backend-webgpu, both on
 * the same adapter in this process (Dawn from the `webgpu` package; on a machine without a GPU, SwiftShader,
 * which runs the shaders on the CPU, so the ratio is what counts, not the absolute figure).
 *
 * Rows: float32 matmul n = 256, 512, 1024 and a chain of 8 elementwise ops over 1M elements. It also counts the
 * compute dispatches each library records per op of the chain (by counting calls to dispatchWorkgroups).
 *
 * Run alone with `node bench/webgpu.mjs` (after `pnpm build`), or as part of `node bench/run.mjs`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { measure, DEFAULT_TARGET_SECONDS } from './lib/measure.mjs';
import { formatTable, fmt } from '../../../tooling/bench/table.mjs';

const require = createRequire(import.meta.url);
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const MATMUL_SIZES = [256, 512, 1024];
const CHAIN_ELEMENTS = 1 << 20;
const CHAIN_OPS = 8;

const ROWS = [
  ...MATMUL_SIZES.map((n) => ({ label: `matmul ${n}×${n}`, kind: 'matmul', size: n, unit: 'GFLOP/s', work: (2 * n ** 3) / 1e9 })),
  { label: `chain of ${CHAIN_OPS} ops, 1M`, kind: 'chain', size: CHAIN_ELEMENTS, unit: 'Melem·op/s', work: (CHAIN_ELEMENTS * CHAIN_OPS) / 1e6 },
];

/** Starts Dawn and exposes it as a browser would (navigator.gpu, GPU* globals), which tfjs-backend-webgpu expects. */
async function startDawn() {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  let webgpu;
  try {
    webgpu = await import('webgpu');
  } catch (err) {
    return { error: `the 'webgpu' package does not load (${err.message})` };
  }
  const gpu = webgpu.create([]);
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { error: 'no WebGPU adapter (install chromium and libvulkan1 for SwiftShader)' };
  for (const [name, value] of Object.entries(webgpu.globals)) globalThis[name] ??= value;
  if (globalThis.navigator) globalThis.navigator.gpu ??= gpu;
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  // count dispatches of both libraries: they record them on the same encoder class
  const counter = { dispatches: 0 };
  const proto = webgpu.globals.GPUComputePassEncoder.prototype;
  const dispatch = proto.dispatchWorkgroups;
  proto.dispatchWorkgroups = function (...args) {
    counter.dispatches++;
    return dispatch.apply(this, args);
  };
  return { gpu, counter };
}

/** The chain both libraries run: eight elementwise ops, each a new 1M-element tensor. */
const chainTypegrad = (x, y) => x.mul(1.5).add(y).tanh().mul(y).sub(0.25).exp().add(1).log();
const chainTfjs = (tf, x, y) => tf.log(tf.add(tf.exp(tf.sub(tf.mul(tf.tanh(tf.add(tf.mul(x, 1.5), y)), y), 0.25)), 1));

async function typegradImpl(gpu) {
  const tg = await import('../dist/index.js');
  const { initWebGPU } = await import('../dist/webgpu.js');
  const info = await initWebGPU({ gpu });
  return {
    name: 'typegrad webgpu',
    adapter: info.adapter,
    destroy: () => info.backend.device.destroy(),
    prepare(kind, size) {
      tg.manualSeed(0);
      const shape = kind === 'matmul' ? [size, size] : [size];
      const x = tg.randn(shape, { device: 'webgpu' });
      const y = tg.randn(shape, { device: 'webgpu' });
      const fn = kind === 'matmul' ? () => x.matmul(y) : () => chainTypegrad(x, y);
      return { fn, sync: (t) => t.data(), release: (t) => t.dispose(), dispose: () => {} };
    },
  };
}

async function tfjsImpl() {
  let tf;
  try {
    tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-webgpu');
  } catch (err) {
    return { error: `tfjs-backend-webgpu not installed (${err.message})` };
  }
  tf.enableProdMode();
  if (!(await tf.setBackend('webgpu'))) return { error: 'tfjs-backend-webgpu did not start' };
  const info = tf.backend().adapterInfo;
  return {
    name: 'tfjs-webgpu',
    destroy: () => tf.backend().device.destroy(),
    adapter: info ? [info.vendor, info.architecture].filter(Boolean).join('/') : 'unknown',
    version: tf.version_core,
    prepare(kind, size) {
      const shape = kind === 'matmul' ? [size, size] : [size];
      const x = tf.randomNormal(shape);
      const y = tf.randomNormal(shape);
      const fn = kind === 'matmul' ? () => tf.matMul(x, y) : () => tf.tidy(() => chainTfjs(tf, x, y));
      return { fn, sync: (t) => t.data(), release: (t) => t.dispose(), dispose: () => [x, y].forEach((t) => t.dispose()) };
    },
  };
}

/** Dispatches one call of `fn` records, once warm. */
async function countDispatches(counter, c) {
  await c.sync(c.fn());
  const before = counter.dispatches;
  const out = c.fn();
  const n = counter.dispatches - before;
  await c.sync(out);
  c.release(out);
  return n;
}

/** Runs the section and prints its table; returns without a table (and says why) when WebGPU is unavailable. */
export async function runWebGPUBench() {
  console.log('\nWebGPU: typegrad beside @tensorflow/tfjs-backend-webgpu on the same adapter, in this process');
  const dawn = await startDawn();
  if (dawn.error) {
    console.log(`WebGPU section skipped: ${dawn.error}`);
    return;
  }
  const typegrad = await typegradImpl(dawn.gpu);
  const tfjs = await tfjsImpl();
  const impls = tfjs.error ? [typegrad] : [typegrad, tfjs];
  console.log(`adapter: ${typegrad.adapter}` + (tfjs.error ? `; tfjs skipped: ${tfjs.error}` : `; tfjs ${tfjs.version} sees ${tfjs.adapter}`));
  console.log(`each figure: median of up to 3 batches of ~${DEFAULT_TARGET_SECONDS}s after warm-up; the last result of each batch is read back (await data())`);
  const filter = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : null;
  const table = [];
  const dispatches = {};
  for (const row of ROWS.filter((r) => !filter || filter.test(r.label))) {
    const rate = {};
    for (const impl of impls) {
      const c = impl.prepare(row.kind, row.size);
      try {
        if (row.kind === 'chain') dispatches[impl.name] = (await countDispatches(dawn.counter, c)) / CHAIN_OPS;
        const { seconds } = await measure(`${impl.name} ${row.label}`, c.fn, { sync: c.sync, release: c.release });
        rate[impl.name] = row.work / seconds;
      } finally {
        c.dispose();
      }
    }
    const ratio = rate[typegrad.name] / rate['tfjs-webgpu'];
    table.push([row.label, row.unit, fmt(rate[typegrad.name]), fmt(rate['tfjs-webgpu']), Number.isFinite(ratio) ? `${fmt(ratio)}×` : '—']);
    process.stderr.write(`  done: webgpu ${row.label}\n`);
  }
  const columns = [{ title: 'benchmark', align: 'left' }, { title: 'unit', align: 'left' }, { title: 'typegrad webgpu' }, { title: 'tfjs-webgpu' }, { title: 'vs tfjs-webgpu' }];
  console.log(formatTable(columns, table));
  const perOp = Object.entries(dispatches).map(([name, n]) => `${name} ${fmt(n)}`).join(', ');
  if (perOp) console.log(`kernel dispatches per op in the chain: ${perOp} (target for typegrad: at most 1)`);
  // Dawn keeps the process alive while a device is open
  typegrad.destroy();
  tfjs.destroy?.();
}

if (import.meta.url === `file://${process.argv[1]}`) await runWebGPUBench();

/**
 * TensorFlow.js peers, run in this process: the pure-JS `cpu` backend and the `wasm` backend (XNNPACK).
 * The wasm binaries are loaded from the installed package's own dist/ folder, so nothing is fetched.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Loads tfjs and both backends. Returns { peers, notes }: the peer implementations and header lines saying
 * how the wasm backend runs (SIMD, threads), or null when the packages are not installed.
 */
export async function loadTfjsPeers() {
  let tf, wasmBackend;
  try {
    // The CommonJS builds throughout, so core and both backends share one engine.
    tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
    wasmBackend = require('@tensorflow/tfjs-backend-wasm');
  } catch (err) {
    console.warn(`tfjs peers skipped: ${err.message}`);
    return null;
  }
  tf.enableProdMode(); // skips debug checks; also silences the "install tfjs-node" notice

  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  wasmBackend.setWasmPaths(wasmDir + path.sep);

  await tf.setBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = tf.backend().wasm?.tfjs?.getThreadsCount?.() ?? 1;
  // Same choice tfjs-backend-wasm makes when picking its binary.
  const binary = simd && threaded ? 'tfjs-backend-wasm-threaded-simd.wasm'
    : simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';

  const peer = (backend) => ({
    name: `tfjs-${backend}`,
    /** Builds one benchmark case; returns { fn, sync, release, dispose } for `measure`. */
    async prepare(kind, size) {
      if (!['matmul', 'add', 'tanh'].includes(kind)) return null;
      await tf.setBackend(backend); // tensors below live on this backend, so nothing is moved between backends
      const shape = kind === 'matmul' ? [size, size] : [size];
      const inputs = [tf.randomNormal(shape), tf.randomNormal(shape)];
      const [x, y] = inputs;
      const ops = { matmul: () => tf.matMul(x, y), add: () => tf.add(x, y), tanh: () => tf.tanh(x) };
      return {
        fn: ops[kind],
        sync: (t) => t.dataSync(),
        release: (t) => t.dispose(),
        dispose: () => inputs.forEach((t) => t.dispose()),
      };
    },
  });

  return {
    peers: [peer('cpu'), peer('wasm')],
    notes: [
      `tfjs ${tf.version_core}: cpu backend (plain JS); wasm backend SIMD ${simd ? 'on' : 'off'}, ` +
        `threads ${threaded ? 'on' : 'off'} (${threads} thread${threads === 1 ? '' : 's'}, ${binary})` +
        (threaded ? '' : ' — tfjs-backend-wasm never enables threads under Node'),
    ],
  };
}

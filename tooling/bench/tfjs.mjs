/**
 * Loads TensorFlow.js with its `cpu` and `wasm` backends for the benchmarks that measure typegrad beside it, in
 * the same process. The wasm binaries are loaded from the installed package's own dist/ folder, so nothing is
 * fetched. `from` is the benchmark's import.meta.url (tfjs resolves from the package that depends on it).
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** Returns { tf, simd, threaded, threads, binary } with the wasm backend active, or null when tfjs is missing. */
export async function loadTfjs(from) {
  const require = createRequire(from);
  let tf, wasmBackend;
  try {
    // the CommonJS builds throughout, so core and both backends share one engine
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
  // the same choice tfjs-backend-wasm makes when picking its binary
  const binary = simd && threaded ? 'tfjs-backend-wasm-threaded-simd.wasm' : simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
  return { tf, simd, threaded, threads, binary };
}

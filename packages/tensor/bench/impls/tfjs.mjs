/**
 * TensorFlow.js peers, run in this process: the pure-JS `cpu` backend and the `wasm` backend (XNNPACK).
 * The wasm binaries are loaded from the installed package's own dist/ folder, so nothing is fetched.
 */
import { loadTfjs } from '../../../../tooling/bench/tfjs.mjs';
import { shapeOf } from '../lib/shapes.mjs';

/**
 * Loads tfjs and both backends. Returns { peers, notes }: the peer implementations and header lines saying
 * how the wasm backend runs (SIMD, threads), or null when the packages are not installed.
 */
export async function loadTfjsPeers() {
  const loaded = await loadTfjs(import.meta.url);
  if (!loaded) return null;
  const { tf, simd, threaded, threads, binary } = loaded;

  const peer = (backend) => ({
    name: `tfjs-${backend}`,
    /** Builds one benchmark case; returns { fn, sync, release, dispose } for `measure`. */
    async prepare(kind, size) {
      if (!['matmul', 'add', 'tanh', 'logSoftmax'].includes(kind)) return null;
      await tf.setBackend(backend); // tensors below live on this backend, so nothing is moved between backends
      const shape = shapeOf(kind, size);
      const inputs = [tf.randomNormal(shape), tf.randomNormal(shape)];
      const [x, y] = inputs;
      const ops = { matmul: () => tf.matMul(x, y), add: () => tf.add(x, y), tanh: () => tf.tanh(x), logSoftmax: () => tf.logSoftmax(x) };
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

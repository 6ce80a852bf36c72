/**
 * The makemore MLP training step in TensorFlow.js, on its pure-JS `cpu` backend and its `wasm` backend (XNNPACK),
 * in this process. The wasm binaries load from the installed package's dist/ folder: nothing is fetched.
 *
 * tfjs-core ships its gradients only as ES modules (`dist/register_all_gradients.js`, which the `@tensorflow/tfjs`
 * bundle imports); they are bundled here with esbuild and loaded after core. They register into tfjs's global
 * registry and run on its global engine, which every copy of tfjs-core shares.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/** Loads tfjs with both backends; null (and a note) when the packages are not installed. */
export async function loadTfjs() {
  let tf, wasm;
  try {
    tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
    wasm = require('@tensorflow/tfjs-backend-wasm');
  } catch (err) {
    return { tf: null, note: `tfjs skipped: ${err.message}` };
  }
  tf.enableProdMode();
  const gradients = path.join(os.tmpdir(), `typegrad-bench-tfjs-gradients-${tf.version_core}.cjs`);
  await build({ entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')], bundle: true, format: 'cjs', platform: 'node', outfile: gradients, logLevel: 'error' });
  require(gradients);
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
  await tf.setBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return { tf, note: `tfjs ${tf.version_core}: cpu backend (plain JS), wasm backend (XNNPACK, SIMD ${simd ? 'on' : 'off'}, one thread under Node)` };
}

/**
 * A step function for one backend and batch size: random minibatch, forward, softmax cross-entropy, backward,
 * SGD update at lr 0.1, and the loss read back (dataSync), as the typegrad and PyTorch steps do.
 */
export async function tfjsStep(tf, backend, { N, V, block, emb, hidden, batch }) {
  await tf.setBackend(backend);
  const X = tf.randomUniform([N, block], 0, V, 'int32');
  const Y = tf.randomUniform([N], 0, V, 'int32');
  const C = tf.variable(tf.randomNormal([V, emb]));
  const W1 = tf.variable(tf.mul(tf.randomNormal([block * emb, hidden]), 0.2));
  const b1 = tf.variable(tf.mul(tf.randomNormal([hidden]), 0.01));
  const W2 = tf.variable(tf.mul(tf.randomNormal([hidden, V]), 0.01));
  const b2 = tf.variable(tf.zeros([V]));
  const optimizer = tf.train.sgd(0.1);
  // the embedding lookup C[X]: a gather, whose gradient needs UnsortedSegmentSum; the wasm backend lacks that
  // kernel, so there the lookup is the equivalent one-hot matrix product
  const gatherable = tf.getKernel('UnsortedSegmentSum', backend) !== undefined;
  const lookup = (ids) => (gatherable ? tf.gather(C, ids) : tf.matMul(tf.oneHot(ids, V), C));
  const ix = new Int32Array(batch);
  const step = () => {
    for (let i = 0; i < batch; i++) ix[i] = Math.floor(Math.random() * N);
    const loss = tf.tidy(() => {
      const idx = tf.tensor1d(ix, 'int32');
      const xb = tf.gather(X, idx);
      const yb = tf.oneHot(tf.gather(Y, idx), V);
      return optimizer.minimize(() => {
        const e = tf.reshape(lookup(tf.reshape(xb, [-1])), [batch, block * emb]);
        const h = tf.tanh(tf.add(tf.matMul(e, W1), b1));
        return tf.losses.softmaxCrossEntropy(yb, tf.add(tf.matMul(h, W2), b2));
      }, true);
    });
    const value = loss.dataSync()[0];
    loss.dispose();
    return value;
  };
  const dispose = () => {
    for (const t of [X, Y, C, W1, b1, W2, b2]) t.dispose();
    optimizer.dispose();
  };
  return { step, dispose, lookup: gatherable ? 'gather' : 'one-hot matmul' };
}

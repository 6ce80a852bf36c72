/**
 * TensorFlow.js peers, run in this process: the pure-JS `cpu` backend and the `wasm` backend (XNNPACK). The
 * wasm binaries are loaded from the installed package's own dist/ folder, so nothing is fetched.
 */
import { loadTfjs } from '../../../../tooling/bench/tfjs.mjs';
import { VOCAB, BLOCK, EMB, HIDDEN, LR } from './model.mjs';
import { measure } from '../../../../tooling/bench/measure.mjs';
import { registerMlpGradients, makeCrossEntropy } from './tfjs-grads.mjs';

/** Returns { peers, notes }, or null when tfjs is not installed. */
export async function loadTfjsPeers() {
  const loaded = await loadTfjs(import.meta.url);
  if (!loaded) return null;
  const { tf, simd, threaded, threads } = loaded;
  registerMlpGradients(tf);
  const crossEntropy = makeCrossEntropy(tf);

  // PyTorch's default initialisation: N(0, 1) embeddings, U(±1/√fan_in) weights and biases.
  const uniform = (shape, fanIn) => tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', 1);

  const peer = (backend) => ({
    name: `tfjs-${backend}`,
    async measure(batch) {
      await tf.setBackend(backend); // everything below lives on this backend
      const C = tf.variable(tf.randomNormal([VOCAB, EMB], 0, 1, 'float32', 0));
      const W1 = tf.variable(uniform([BLOCK * EMB, HIDDEN], BLOCK * EMB));
      const b1 = tf.variable(uniform([HIDDEN], BLOCK * EMB));
      const W2 = tf.variable(uniform([HIDDEN, VOCAB], HIDDEN));
      const b2 = tf.variable(uniform([VOCAB], HIDDEN));
      const vars = [C, W1, b1, W2, b2];
      const X = tf.randomUniform([batch, BLOCK], 0, VOCAB, 'int32', 2);
      // tfjs has no class-index cross-entropy: the one-hot targets are made once, outside the step.
      const Yhot = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, VOCAB, 'int32', 3), VOCAB));
      const optimizer = tf.train.adam(LR);

      const lossFn = () => {
        const x = tf.reshape(tf.gather(C, X), [-1, BLOCK * EMB]);
        const h = tf.tanh(tf.add(tf.matMul(x, W1), b1));
        const logits = tf.add(tf.matMul(h, W2), b2);
        return crossEntropy(logits, Yhot); // mean over the batch
      };
      const step = () => {
        // minimize = variableGrads + applyGradients, inside a tidy; only the returned loss outlives it.
        const loss = optimizer.minimize(lossFn, true, vars);
        const value = loss.dataSync()[0];
        loss.dispose();
        return value;
      };
      try {
        const { seconds, cpuSeconds } = await measure(`tfjs-${backend} batch ${batch}`, step);
        return { stepsPerSecond: 1 / seconds, stepsPerCpuSecond: 1 / cpuSeconds };
      } finally {
        optimizer.dispose();
        tf.dispose([...vars, X, Yhot]);
      }
    },
  });

  return {
    peers: [peer('cpu'), peer('wasm')],
    notes: [
      `tfjs ${tf.version_core}: cpu backend (plain JS); wasm backend (XNNPACK) SIMD ${simd ? 'on' : 'off'}, ` +
        `${threads} thread${threads === 1 ? '' : 's'}${threaded ? '' : ' (tfjs-backend-wasm never enables threads under Node)'}; ` +
        'trained with tf.train.adam via optimizer.minimize; ' +
        'gradients of Add, BatchMatMul, Tanh, Reshape, GatherV2 and the loss registered by the bench (see impls/tfjs-grads.mjs)',
    ],
  };
}

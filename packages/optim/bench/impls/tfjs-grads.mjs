/**
 * Gradients for the kernels the MLP uses. tfjs-core's CommonJS build (the one both backends register with)
 * ships the ops but not their gradients — the `@tensorflow/tfjs` umbrella package registers those — so the
 * bench registers the five it needs, each computed the way tfjs-core's own gradient of that kernel is (but see GatherV2), and
 * leaves any already registered alone. The loss is a `customGrad` (as tf.losses.softmaxCrossEntropy is), so
 * its inner ops need none.
 */

/** Sums `dy` down to `shape`, undoing broadcasting. */
function reduceTo(tf, dy, shape) {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

export function registerMlpGradients(tf) {
  const configs = [
    {
      kernelName: 'Add',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({ a: () => reduceTo(tf, dy, a.shape), b: () => reduceTo(tf, dy, b.shape) }),
    },
    {
      kernelName: 'BatchMatMul',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b], { transposeA, transposeB }) => {
        if (transposeA || transposeB) throw new Error('bench: BatchMatMul gradient only for untransposed inputs');
        return { a: () => tf.matMul(dy, b, false, true), b: () => tf.matMul(a, dy, true, false) };
      },
    },
    {
      kernelName: 'Tanh',
      outputsToSave: [true],
      gradFunc: (dy, [y]) => ({ x: () => tf.mul(dy, tf.sub(tf.scalar(1), tf.square(y))) }),
    },
    {
      kernelName: 'Reshape',
      inputsToSave: ['x'],
      gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }),
    },
    {
      kernelName: 'GatherV2',
      inputsToSave: ['x', 'indices'],
      gradFunc: (dy, [x, indices], { axis, batchDims }) => {
        if (axis !== 0 || batchDims !== 0) throw new Error('bench: GatherV2 gradient only for axis 0');
        const rows = tf.reshape(dy, [indices.size, ...x.shape.slice(1)]);
        const flat = tf.reshape(indices, [indices.size]);
        return {
          // tfjs-core's own rule uses UnsortedSegmentSum, which the wasm backend lacks; there the same sum
          // is a one-hot matmul.
          x: () => (tf.getKernel('UnsortedSegmentSum', tf.getBackend())
            ? tf.unsortedSegmentSum(rows, flat, x.shape[0])
            : tf.reshape(tf.matMul(tf.oneHot(flat, x.shape[0]), tf.reshape(rows, [indices.size, -1]), true, false), x.shape)),
          indices: () => tf.zerosLike(indices),
        };
      },
    },
  ];
  for (const config of configs) {
    if (!tf.getGradient(config.kernelName)) tf.registerGradient(config);
  }
}

/** Mean cross-entropy of `logits` [B, C] against one-hot `labels`, with the fused gradient (softmax − labels) / B. */
export function makeCrossEntropy(tf) {
  return tf.customGrad((logits, labels, save) => {
    const logp = tf.logSoftmax(logits);
    save([logp, labels]);
    const value = tf.neg(tf.mean(tf.sum(tf.mul(labels, logp), 1)));
    const gradFunc = (dy, [savedLogp, savedLabels]) => [
      tf.mul(dy, tf.div(tf.sub(tf.exp(savedLogp), savedLabels), savedLabels.shape[0])),
      tf.zerosLike(savedLabels),
    ];
    return { value, gradFunc };
  });
}

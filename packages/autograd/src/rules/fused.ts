import { layerNormBackward, meanCrossEntropyBackward, scaledDotProductAttentionBackward } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

// ops the tensor package computes as one (a kernel where the backend has one), each with one rule
export const fusedRules: Record<string, GradRule> = {
  // one rule for the whole op: the tensor package's backward (a kernel where the backend has one) gives the
  // gradients at the broadcast batch shape, summed back here to each input's own
  scaledDotProductAttention: (g, { inputs: [q, k, v], output, saved }) => {
    const [dq, dk, dv] = scaledDotProductAttentionBackward(g, q, k, v, output, saved);
    return [sumTo(dq, q.shape), sumTo(dk, k.shape), sumTo(dv, v.shape)];
  },
  // the logits' gradient from the saved log-probabilities (the target is an index, with no gradient)
  meanCrossEntropy: (g, { saved: { logp, target } }) => [meanCrossEntropyBackward(g, logp, target)],
  // the inputs are x, then the weight and the bias where the op had them
  layerNorm: (g, { inputs, saved }) => {
    const [dx, dw, db] = layerNormBackward(g, inputs[0], saved.hasWeight ? inputs[1] : null, saved);
    return [dx, ...(saved.hasWeight ? [dw] : []), ...(saved.hasBias ? [db] : [])];
  },
};

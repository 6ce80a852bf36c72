import { scaledDotProductAttentionBackward } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

export const attentionRules: Record<string, GradRule> = {
  // one rule for the whole op: the tensor package's backward (a kernel where the backend has one) gives the
  // gradients at the broadcast batch shape, summed back here to each input's own
  scaledDotProductAttention: (g, { inputs: [q, k, v], output, saved }) => {
    const [dq, dk, dv] = scaledDotProductAttentionBackward(g, q, k, v, output, saved);
    return [sumTo(dq, q.shape), sumTo(dk, k.shape), sumTo(dv, v.shape)];
  },
};

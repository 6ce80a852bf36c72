import { logSoftmaxBackward, softmaxBackward, where } from '@typegrad/tensor';
import { keepDims, type GradRule } from './types.js';

/** The gradient of max/min over dims: shared evenly among the elements equal to the extreme (PyTorch's rule). */
const extreme: GradRule = (g, { inputs: [x], output, saved: { dims, keepdim } }) => {
  const y = keepDims(output, dims, keepdim);
  const mask = x.eq(y).to(g.dtype);
  const count = mask.sum({ dim: dims, keepdim: true });
  return [keepDims(g, dims, keepdim).mul(mask).div(count)];
};

export const reductionRules: Record<string, GradRule> = {
  sum: (g, { inputs: [x], saved: { dims, keepdim } }) => [keepDims(g, dims, keepdim).expand(x.shape as number[])],
  amax: extreme,
  amin: extreme,
  prod: (g, { inputs: [x], output, saved: { dims, keepdim } }) => {
    // ∂prod/∂x_i is the product of the others: y/x_i, except at zeros, where it is the product of the
    // nonzeros when x_i is the only zero and 0 otherwise
    const y = keepDims(output, dims, keepdim);
    const isZero = x.eq(0);
    const nonzeroProd = where(isZero, 1, x).prod({ dim: dims, keepdim: true });
    const zeros = isZero.sum({ dim: dims, keepdim: true });
    const atZero = where(zeros.eq(1), nonzeroProd, 0);
    return [keepDims(g, dims, keepdim).mul(where(isZero, atZero, y.div(where(isZero, 1, x))))];
  },
  // softmax, logSoftmax and logsumexp are recorded as single ops: one rule each instead of their compositions
  softmax: (g, { output: y, saved: { dim } }) => [softmaxBackward(g, y, dim)],
  logSoftmax: (g, { output: y, saved: { dim } }) => [logSoftmaxBackward(g, y, dim)],
  logsumexp: (g, { inputs: [x], output: y, saved: { dims, keepdim } }) => [
    keepDims(g, dims, keepdim).mul(x.sub(keepDims(y, dims, keepdim)).exp()),
  ],
  // reverse cumulative sum: total − inclusive prefix + own term
  cumsum: (g, { saved: { dim } }) => [g.sum({ dim, keepdim: true }).sub(g.cumsum(dim)).add(g)],
  // counts are piecewise constant in the input: PyTorch records histogram and fails in backward, and so do we
  histogram: () => {
    throw new Error('histogram: derivative for histogram is not implemented');
  },
};


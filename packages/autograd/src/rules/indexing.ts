import { matmul, zeros, type Tensor } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

const zerosOf = (shape: readonly number[], like: Tensor) => zeros(shape, { dtype: like.dtype, device: like.device });

/** Gradient rules of gather/scatter, concatenation and matmul. */
export const indexingRules: Record<string, GradRule> = {
  // gathering reads, so its gradient adds back into the positions read (repeats accumulate)
  gather: (g, { saved: { dim, index, inputShape } }) => [zerosOf(inputShape, g).scatterAdd(dim, index, g)],
  indexSelect: (g, { saved: { dim, index, inputShape } }) => [zerosOf(inputShape, g).indexAdd(dim, index, g)],
  scatterAdd: (g, { saved: { dim, index } }) => [g, g.gather(dim, index)],
  indexAdd: (g, { saved: { dim, index } }) => [g, g.indexSelect(dim, index)],
  cat: (g, { saved: { dim, sizes } }) => g.split(sizes, dim),
  // batched A·B with broadcast batch dims: dA = g·Bᵀ, dB = Aᵀ·g, summed over broadcasting
  matmul: (g, { inputs: [a, b] }) => [sumTo(matmul(g, b.mT), a.shape), sumTo(matmul(a.mT, g), b.shape)],
};

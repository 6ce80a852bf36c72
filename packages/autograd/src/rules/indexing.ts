import { fused, matmul, zeros, type Tensor } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

const zerosOf = (shape: readonly number[], like: Tensor) => zeros(shape, { dtype: like.dtype, device: like.device });

/**
 * True for a matrix operand that is a transposed view (column-major in its last two dims), like a Linear layer's
 * `weight.T`. Its gradient is then computed transposed as well, so it reaches the weight itself contiguous and
 * accumulating it into `grad` is a plain copy rather than a strided one.
 */
const columnMajor = (t: Tensor): boolean => t.ndim >= 2 && t.strides[t.ndim - 2] === 1 && t.strides[t.ndim - 1] !== 1 && t.shape[t.ndim - 2] > 1;

/** Gradient rules of gather/scatter, concatenation, matmul and linear. */
export const indexingRules: Record<string, GradRule> = {
  // gathering reads, so its gradient adds back into the positions read (repeats accumulate)
  gather: (g, { saved: { dim, index, inputShape } }) => [zerosOf(inputShape, g).scatterAdd(dim, index, g)],
  // (into fresh zeros in place: indexAdd would first copy them)
  indexSelect: (g, { saved: { dim, index, inputShape } }) => [fused.indexAdd_(zerosOf(inputShape, g), dim, index, g)],
  scatterAdd: (g, { saved: { dim, index }, needsInputGrad: [, ns] }) => [g, ns ? g.gather(dim, index) : null],
  indexAdd: (g, { saved: { dim, index }, needsInputGrad: [, ns] }) => [g, ns ? g.indexSelect(dim, index) : null],
  cat: (g, { saved: { dim, sizes } }) => g.split(sizes, dim),
  // batched A·B with broadcast batch dims: dA = g·Bᵀ, dB = Aᵀ·g, summed over broadcasting
  matmul: (g, { inputs: [a, b], needsInputGrad: [na, nb] }) => matmulGrads(g, a, b, na, nb),
  // x·weightᵀ + bias: the product's gradients as for matmul(x, weight.T) (the weight's is that of weight.T, transposed
  // back as the transpose's rule would), and the bias's summed over the rows, as for the add it stands for
  linear: (g, { inputs: [x, weight, bias], needsInputGrad: [nx, nw, nb] }) => {
    const [gx, gwt] = matmulGrads(g, x, weight.mT, nx, nw);
    return [gx, gwt && gwt.mT, nb ? sumTo(g, bias.shape) : null];
  },
};

/**
 * dA = g·Bᵀ and dB = Aᵀ·g for A·B, summed over broadcast batch dims, each only where asked for (a side that needs
 * no gradient, such as a first layer's input data, costs no product).
 */
function matmulGrads(g: Tensor, a: Tensor, b: Tensor, na: boolean, nb: boolean): [Tensor | null, Tensor | null] {
  return [
    na ? sumTo(columnMajor(a) ? matmul(b, g.mT).mT : matmul(g, b.mT), a.shape) : null,
    !nb ? null : a.ndim > 2 && b.ndim === 2 ? sharedMatrixGrad(g, a, b) : sumTo(columnMajor(b) ? matmul(g.mT, a).mT : matmul(a.mT, g), b.shape),
  ];
}

/**
 * dB for a matrix B shared by every batch of A (a linear layer's weight applied to [B, T, E]): the batch dims fold
 * into rows, so it is one product, Aᵀ·g over all B·T rows, rather than a product per batch and a sum over them.
 */
function sharedMatrixGrad(g: Tensor, a: Tensor, b: Tensor): Tensor {
  const a2 = a.reshape([-1, a.shape[a.ndim - 1]]);
  const g2 = g.reshape([-1, g.shape[g.ndim - 1]]);
  return columnMajor(b) ? matmul(g2.mT, a2).mT : matmul(a2.mT, g2);
}

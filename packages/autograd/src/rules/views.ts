import { zeros, type Tensor } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

function inversePermutation(dims: readonly number[]): number[] {
  const inv = new Array<number>(dims.length);
  dims.forEach((d, i) => (inv[d] = i));
  return inv;
}

/** Gradient rules of views, copies and conversions. */
export const viewRules: Record<string, GradRule> = {
  reshape: (g, { saved: { inputShape } }) => [g.reshape([...inputShape])],
  permute: (g, { saved: { dims } }) => [g.permute(inversePermutation(dims))],
  expand: (g, { saved: { inputShape } }) => [sumTo(g, inputShape)],
  slice: (g, { inputs: [x], saved: { dim, start, step, inputShape } }) => {
    const full = zeros(inputShape, { dtype: g.dtype, device: x.device });
    full.slice(dim, start, start + g.shape[dim] * step, step).copy_(g);
    return [full];
  },
  clone: (g) => [g],
  cast: (g, { saved: { dtype } }) => [g.to(dtype)],
  toDevice: (g, { saved: { device } }) => [backToDevice(g, device)],
};

function backToDevice(g: Tensor, device: string): Tensor {
  try {
    return g.to(device);
  } catch (e) {
    throw new Error(`backward: the gradient of a tensor moved to '${g.device}' must come back to '${device}', which needs a synchronous read; move tensors that require grad between devices before recording (${(e as Error).message})`);
  }
}

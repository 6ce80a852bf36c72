import { zeros, type DType, type Device, type Tensor } from '@typegrad/tensor';

/** Where a layer's parameters are created (PyTorch's `device=` and `dtype=` factory arguments). */
export interface FactoryOptions {
  device?: Device;
  dtype?: DType;
}

/** A zero tensor to be initialised in place. */
export function empty(shape: number[], opts: FactoryOptions): Tensor {
  return zeros(shape, { device: opts.device, dtype: opts.dtype ?? 'float32' });
}

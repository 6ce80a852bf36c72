/// <reference types="@webgpu/types" />
import { allocationError } from '../../allocation-error.js';
import type { DType } from '../../dtype.js';
import type { Shape } from '../../shape.js';

/** Bytes a read copies besides the tensor (the device's error flags), in the same staging buffer. */
export const READ_HEADER_BYTES = 256;

/** The largest tensor the backend makes on a device, in bytes, and the limit that sets it. */
export interface TensorByteLimit {
  bytes: number;
  /** Which of the device's limits it comes from, as error messages name it. */
  name: string;
}

/**
 * Kernels bind a tensor's whole buffer as storage, so a tensor may take at most `maxStorageBufferBindingSize`
 * bytes; a buffer of any kind at most `maxBufferSize`, less the header a read copies with it.
 * @example tensorByteLimit(device.limits)   // { bytes: 1073741568, name: 'maxBufferSize (1073741824) less 256 bytes for reads' }
 */
export function tensorByteLimit(limits: GPUSupportedLimits): TensorByteLimit {
  const binding = limits.maxStorageBufferBindingSize;
  const buffer = limits.maxBufferSize - READ_HEADER_BYTES;
  if (binding <= buffer) return { bytes: binding, name: 'maxStorageBufferBindingSize' };
  return { bytes: buffer, name: `maxBufferSize (${limits.maxBufferSize}) less ${READ_HEADER_BYTES} bytes for reads` };
}

/**
 * Throws, before anything is allocated or counted, when `size` elements (4 bytes each on the GPU, bool included)
 * are more than one tensor's buffer may hold on this device.
 * @example checkWebGPUAllocation(tensorByteLimit(device.limits), 'zeros', 'float32', [1e6, 1e6], 1e12)   // throws
 */
export function checkWebGPUAllocation(limit: TensorByteLimit, op: string, dtype: DType, shape: Shape, size: number): void {
  const bytes = size * 4;
  if (bytes > limit.bytes) {
    throw allocationError(op, 'webgpu', dtype, shape, bytes, `more than the ${limit.bytes} bytes one tensor's buffer may take on this device (${limit.name})`);
  }
}

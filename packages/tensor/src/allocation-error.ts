/**
 * The error for a tensor a device cannot hold. Kept apart from the op layer's checks (ops/allocation.ts) so the
 * backends can throw it too.
 */
import type { DType } from './dtype.js';
import { fmtShape, type Shape } from './shape.js';

/**
 * `op: cannot allocate a float32 tensor of shape [1000000,1000000] (4000000000000 bytes) on webgpu: <why>`: the op,
 * what was asked and why the device refuses, before anything is allocated.
 * @example throw allocationError('zeros', 'webgpu', 'float32', [1e6, 1e6], 4e12, 'more than its largest buffer, 1073741824 bytes (maxBufferSize)');
 */
export function allocationError(op: string, device: string, dtype: DType, shape: Shape, bytes: number, why: string): RangeError {
  const a = dtype === 'int32' ? 'an' : 'a';
  return new RangeError(`${op}: cannot allocate ${a} ${dtype} tensor of shape ${fmtShape(shape)} (${bytes} bytes) on ${device}: ${why}`);
}

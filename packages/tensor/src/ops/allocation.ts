/**
 * Memory for new tensors, checked before anything is allocated: a size beyond what a device holds is an error that
 * names the op, the shape, the dtype, the bytes and the limit, rather than an engine's RangeError or a GPU
 * validation error that surfaces at some later read (and is then blamed on another op).
 */
import type { Backend } from '../backend.js';
import { itemSize, type DType } from '../dtype.js';
import { fmtShape, numel, type Shape } from '../shape.js';
import { allocationError } from '../allocation-error.js';
import { cpuBackend } from '../backends/cpu/index.js';

/**
 * The element count of a new tensor of `shape` on `backend`, once the backend has said it can hold it (and, with
 * `host`, the CPU too, for values built in JavaScript first and then uploaded). Sizes whose product is beyond
 * exact integers are PyTorch's "Storage size calculation overflowed" error.
 * @example const n = checkedSize('arange', backend, 'int32', [n], true);
 */
export function checkedSize(op: string, backend: Backend, dtype: DType, shape: Shape, host = false): number {
  const size = numel(shape);
  if (!Number.isSafeInteger(size)) throw new RangeError(`${op}: Storage size calculation overflowed with sizes=${fmtShape(shape)}`);
  backend.checkAllocation?.(op, dtype, shape, size);
  if (host && backend !== cpuBackend) cpuBackend.checkAllocation?.(op, dtype, shape, size);
  return size;
}

/**
 * A new buffer for a tensor of `shape`, checked first (see {@link checkedSize}); an engine's failure to find the
 * memory becomes the same clear error, with PyTorch's "can't allocate memory" wording.
 * @example const buffer = allocateChecked('zeros', backend, 'float32', [2, 3], 'zeros');
 */
export function allocateChecked(op: string, backend: Backend, dtype: DType, shape: Shape, contents: 'zeros' | 'any'): { buffer: unknown; size: number } {
  const size = checkedSize(op, backend, dtype, shape);
  try {
    return { buffer: backend.allocate(dtype, size, contents), size };
  } catch (e) {
    if (!(e instanceof RangeError) || e.message.startsWith(`${op}:`)) throw e;
    throw outOfMemory(op, backend, dtype, shape, size, e);
  }
}

/**
 * A device's refusal to upload `data` as a tensor of `shape`, checked as {@link allocateChecked} checks.
 * @example const buffer = uploadChecked('tensor', backend, 'float32', [2], Float32Array.of(1, 2));
 */
export function uploadChecked(op: string, backend: Backend, dtype: DType, shape: Shape, data: Parameters<Backend['upload']>[1]): unknown {
  checkedSize(op, backend, dtype, shape);
  try {
    return backend.upload(dtype, data);
  } catch (e) {
    if (!(e instanceof RangeError) || e.message.startsWith(`${op}:`)) throw e;
    throw outOfMemory(op, backend, dtype, shape, data.length, e);
  }
}

function outOfMemory(op: string, backend: Backend, dtype: DType, shape: Shape, size: number, cause: RangeError): RangeError {
  return allocationError(op, backend.name, dtype, shape, size * itemSize(dtype), `can't allocate memory (${cause.message})`);
}

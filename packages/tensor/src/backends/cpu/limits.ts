import { allocationError } from '../../allocation-error.js';
import { itemSize, type DType } from '../../dtype.js';
import type { Shape } from '../../shape.js';

/**
 * Elements one typed array holds at most: 2**32 in V8 (Node, Chrome, Edge); past it the engine throws a bare
 * "Invalid typed array length". Other engines may stop earlier, and memory may run out first: the op layer turns
 * those failures into the same error.
 */
export const MAX_TYPED_ARRAY_LENGTH = 2 ** 32;

/**
 * Throws a clear error, naming the op, the shape and the bytes, for a CPU tensor larger than a typed array holds.
 * @example checkCpuAllocation('zeros', 'float32', [1e6, 1e6], 1e12)   // throws
 */
export function checkCpuAllocation(op: string, dtype: DType, shape: Shape, size: number): void {
  if (size > MAX_TYPED_ARRAY_LENGTH) {
    throw allocationError(op, 'cpu', dtype, shape, size * itemSize(dtype), `more than the ${MAX_TYPED_ARRAY_LENGTH} elements a JavaScript typed array holds`);
  }
}

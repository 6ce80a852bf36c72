import type { AnyTypedArray, DType } from '../../dtype.js';
import { allocate, memory } from './allocator.js';
import type { Backend } from '../../backend.js';
import { copy, fill, map } from './elementwise.js';
import { argReduce, reduce, scan } from './reduce.js';
import { gather, scatterAdd } from './indexing.js';
import { matmul } from './matmul.js';

/**
 * The CPU backend: buffers are typed arrays, kernels run synchronously in the calling thread, and memory is
 * returned by the garbage collector (see allocator.ts), so `release` has nothing to do.
 */
export const cpuBackend: Backend<AnyTypedArray> = {
  name: 'cpu',
  syncRead: true,
  checkDType() {},
  allocate,
  upload: (dtype: DType, data: AnyTypedArray) => {
    const buf = allocate(dtype, data.length);
    buf.set(data);
    return buf;
  },
  read: async (buffer) => buffer.slice(),
  readSync: (buffer) => buffer,
  release() {},
  memory,
  fill,
  copy,
  map,
  reduce,
  argReduce,
  scan,
  matmul,
  gather,
  scatterAdd,
};

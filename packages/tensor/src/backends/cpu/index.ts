import type { AnyTypedArray, DType } from '../../dtype.js';
import { allocate, memory, recycle, recycleOnCollect } from './allocator.js';
import type { Backend } from '../../backend.js';
import { copy, fill, map } from './elementwise.js';
import { argReduce, reduce, scan } from './reduce.js';
import { gather, scatterAdd } from './indexing.js';
import { matmul } from './matmul.js';

/**
 * The CPU backend: buffers are typed arrays and kernels run synchronously in the calling thread. Memory is
 * returned by the garbage collector, or kept for reuse when released explicitly (see allocator.ts).
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
  release: recycle,
  releaseOnCollect: recycleOnCollect,
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

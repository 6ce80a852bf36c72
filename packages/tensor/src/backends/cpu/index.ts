import type { AnyTypedArray, DType } from '../../dtype.js';
import { allocate, memory, recycle, recycleOnCollect } from './allocator.js';
import type { Backend } from '../../backend.js';
import { numel } from '../../shape.js';
import { copy, fill, map } from './elementwise.js';
import { argReduce, reduce, scan } from './reduce.js';
import { gather, nllLossMean, scatterAdd } from './indexing.js';
import { matmul } from './matmul.js';
import { nextTask } from './next-task.js';
import { adamWasm } from './wasm/elementwise-wasm.js';
import { softmaxWasm } from './wasm/softmax-wasm.js';
import { attentionBackwardWasm, attentionWasm } from './wasm/attention-wasm.js';
import { layerNormBackwardWasm, layerNormWasm } from './wasm/layernorm-wasm.js';
import { wasmElementwiseFor } from './wasm/select.js';
import { checkCpuAllocation } from './limits.js';

/**
 * The CPU backend: buffers are typed arrays and kernels run synchronously in the calling thread. Memory is
 * returned by the garbage collector, or kept for reuse when released explicitly (see allocator.ts).
 */
export const cpuBackend: Backend<AnyTypedArray> = {
  name: 'cpu',
  syncRead: true,
  checkDType() {},
  checkAllocation: checkCpuAllocation,
  allocate,
  upload: (dtype: DType, data: AnyTypedArray) => {
    const buf = allocate(dtype, data.length, 'any');
    buf.set(data);
    return buf;
  },
  // The copy is taken now, and handed over in a later task (at most once a millisecond, see next-task.ts): an
  // asynchronous read is where a loop gives control back, and on the CPU that is when the garbage collector's
  // cleanup returns the memory of dropped tensors for reuse (it runs only between tasks), as a page would
  // repaint. Synchronous reads (dataSync, itemSync) return at once.
  read: async (buffer) => {
    const copy = buffer.slice();
    await nextTask();
    return copy;
  },
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
  matmulBias: (out, a, b, bias) => {
    matmul(out, a, b, bias);
    return true;
  },
  gather,
  scatterAdd,
  nllLossMean,
  adamUpdate: (param, grad, expAvg, expAvgSq, hyper) => {
    // one call in place of three elementwise passes (and their three dispatches): worth the kernel at a third of
    // the size where one pass is (a bias of 27 floats was three JS passes, 1.7% of a makemore Adam step)
    const w = wasmElementwiseFor(3 * numel(param.shape));
    return w !== null && adamWasm(w, [param, grad, expAvg, expAvgSq], hyper);
  },
  softmax: (kind, out, inputs, dim) => {
    const w = wasmElementwiseFor(numel(out.shape));
    return w !== null && softmaxWasm(w, kind, out, inputs, dim);
  },
  attention: (views) => {
    const w = wasmElementwiseFor(numel(views.out.shape));
    return w !== null && attentionWasm(w, views);
  },
  attentionBackward: (views) => {
    const w = wasmElementwiseFor(numel(views.dq.shape));
    return w !== null && attentionBackwardWasm(w, views);
  },
  layerNorm: (views) => {
    const w = wasmElementwiseFor(numel(views.x.shape));
    return w !== null && layerNormWasm(w, views);
  },
  layerNormBackward: (views) => {
    const w = wasmElementwiseFor(numel(views.x.shape));
    return w !== null && layerNormBackwardWasm(w, views);
  },
};

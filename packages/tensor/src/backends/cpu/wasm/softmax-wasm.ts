/**
 * softmax and logSoftmax, forward and backward, over float32 rows through the Wasm kernel
 * (assembly/softmax.ts): one call per block of rows where the op layer's composition makes five or six passes
 * (max, subtract, exp, sum, log or divide, subtract) and as many temporaries. Blocks of whole rows are copied
 * into the module's memory and the results copied out, as the elementwise driver does.
 */
import type { AnyTypedArray } from '../../../dtype.js';
import type { SoftmaxKind, View } from '../../../backend.js';
import { coalesce } from '../strided.js';
import { stageRows, unstageRows } from './copy-rows.js';
import { CHUNK, REGION, type ElementwiseEngine } from './elementwise-wasm.js';

type CpuView = View<AnyTypedArray>;

/** The kinds in the order of their codes in assembly/softmax.ts. */
const SOFTMAX_KINDS: readonly SoftmaxKind[] = ['softmax', 'logSoftmax', 'softmaxBackward', 'logSoftmaxBackward'];

export interface SoftmaxExports {
  softmaxRows(kind: number, rows: number, n: number, out: number, a: number, b: number): void;
}

/**
 * out = kind(inputs) along `dim` through the Wasm kernel, where every view is float32, `dim` is walked with
 * stride 1 by each (rows of contiguous floats) and the other dims coalesce to one. Returns false, having done
 * nothing, otherwise (rows longer than a block included).
 */
export function softmaxWasm(
  w: ElementwiseEngine & { exports: SoftmaxExports }, kind: SoftmaxKind, out: CpuView, inputs: readonly CpuView[], dim: number,
): boolean {
  const views = [out, ...inputs];
  const n = out.shape[dim];
  if (n > CHUNK || views.some((v) => v.dtype !== 'float32' || (v.strides[dim] !== 1 && n !== 1))) return false;
  const others = out.shape.map((size, d) => (d === dim ? 1 : size));
  const walk = coalesce(others, views.map((v) => v.strides));
  if (walk.shape.length !== 1) return false;
  const rows = walk.shape[0];
  if (rows * n === 0) return true;
  // per operand: the stride between rows (n for a single row, which then reads as packed)
  const rowStrides = walk.strides.map((s) => (rows === 1 ? n : s[0]));
  if (rowStrides.some((s) => s < n)) return false;

  const code = SOFTMAX_KINDS.indexOf(kind);
  const mem = w.f32;
  const base = w.scratch >> 2;
  const perBlock = Math.floor(CHUNK / n);
  const at = (k: number) => base + k * REGION; // region 0: the results, 1 and 2: the inputs
  for (let r0 = 0; r0 < rows; r0 += perBlock) {
    const nr = Math.min(perBlock, rows - r0);
    inputs.forEach((x, k) => stageRows(mem, at(k + 1), x.buffer as Float32Array, x.offset + r0 * rowStrides[k + 1], nr, n, rowStrides[k + 1]));
    const b = inputs.length > 1 ? at(2) : at(1);
    w.exports.softmaxRows(code, nr, n, at(0) << 2, at(1) << 2, b << 2);
    unstageRows(mem, at(0), out.buffer as Float32Array, out.offset + r0 * rowStrides[0], nr, n, rowStrides[0]);
  }
  return true;
}

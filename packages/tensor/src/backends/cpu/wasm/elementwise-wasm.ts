/**
 * The float32 elementwise ops with a WebAssembly SIMD kernel (assembly/elementwise.ts), and the driver that
 * runs them on CPU views: blocks of the operands are copied into the module's memory, computed four lanes at
 * a time, and the block of results copied out.
 *
 * The copies cost about as much as one pass of plain JS over simple arithmetic, so they pay where the JS
 * loop is slow: transcendental functions (Math.tanh and Math.exp take 10–20 ns an element, the SIMD
 * polynomials well under 1) and the chains of the fused ops (the optimizers' updates). The views must
 * coalesce to at most two dims, with each operand's inner stride 0 or 1 (contiguous, a scalar, a broadcast
 * row or column); anything else stays on the JS loop, which is also the reference the tests hold this to.
 */
import type { AnyTypedArray } from '../../../dtype.js';
import type { View } from '../../../backend.js';
import type { ElementwiseOp } from '../../../ops/elementwise-table.js';
import { coalesce } from '../strided.js';

type CpuView = View<AnyTypedArray>;

/** The ops with a Wasm kernel; an op's code is its index here, as numbered in assembly/elementwise.ts. */
export const WASM_OPS = [
  'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'reciprocal', 'tanh', 'sigmoid', 'relu',
  'add', 'sub', 'mul', 'div', 'tanhBackward', 'sigmoidBackward', 'reluBackward', 'scaleAdd', 'scaleAddSquare', 'adamStep',
] as const satisfies readonly ElementwiseOp[];
const CODES = new Map<string, number>(WASM_OPS.map((op, i) => [op, i]));

/** Whether `op` has a Wasm kernel. */
export const hasWasmKernel = (op: ElementwiseOp): boolean => CODES.has(op);

/** Results per call at most: a block of this many floats per operand region. */
const CHUNK = 16384;
/** Floats per region: a block and the padding whole-vector loops run into. */
const REGION = CHUNK + 16;
/** Regions: the result, three operands, three rows for broadcast values. */
const REGIONS = 7;
/** Bytes of scratch the driver needs in the module's memory. */
export const ELEMENTWISE_SCRATCH_BYTES = 4 * REGION * REGIONS;

export interface ElementwiseExports {
  mapRows(
    op: number, rows: number, n: number, out: number,
    a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number, crs: number, ccs: number,
    p0: number, p1: number, tmp: number,
  ): void;
}

/** What the driver needs of a kernel instance: its exports, a float view of its memory, and the scratch address. */
export interface ElementwiseEngine {
  exports: ElementwiseExports;
  f32: Float32Array;
  /** Byte address of ELEMENTWISE_SCRATCH_BYTES of scratch, 16-byte aligned. */
  scratch: number;
}

/**
 * out = op(inputs…) through the Wasm kernel, if `op` has one and the views allow it (all float32, at most two
 * dims after coalescing, inner strides 0 or 1, no negative strides). Returns false, having done nothing,
 * otherwise.
 */
export function mapWasm(w: ElementwiseEngine, op: ElementwiseOp, out: CpuView, inputs: readonly CpuView[], params: readonly number[]): boolean {
  const code = CODES.get(op);
  if (code === undefined || out.dtype !== 'float32') return false;
  for (const x of inputs) if (x.dtype !== 'float32') return false;
  const walk = coalesce(out.shape, [out.strides, ...inputs.map((x) => x.strides)]);
  const nd = walk.shape.length;
  if (nd > 2) return false;
  const rows = nd === 2 ? walk.shape[0] : 1;
  const n = walk.shape[nd - 1];
  if (rows * n === 0) return true;
  const outer = (k: number) => (nd === 2 ? walk.strides[k][0] : 0);
  const inner = (k: number) => walk.strides[k][nd - 1];
  if (inner(0) !== 1 && n !== 1) return false;
  for (let k = 0; k < walk.strides.length; k++) {
    if (outer(k) < 0 || (inner(k) !== 0 && inner(k) !== 1)) return false;
  }

  const mem = w.f32;
  const base = w.scratch >> 2;
  const region = (i: number) => base + i * REGION;
  const p0 = params.length > 0 ? params[0] : 0;
  const p1 = params.length > 1 ? params[1] : 0;
  // operand k (1..3) staged as [address, rowStride, colStride]; unused operands repeat the first
  const staged: number[][] = [[], [], []];
  const block = (r0: number, nr: number, j0: number, len: number): void => {
    for (let k = 1; k <= 3; k++) {
      if (k > inputs.length) {
        staged[k - 1] = staged[0];
        continue;
      }
      const x = inputs[k - 1];
      const [rs, cs] = stage(mem, region(k), x.buffer as Float32Array, x.offset + r0 * outer(k) + j0 * inner(k), nr, len, outer(k), inner(k));
      staged[k - 1] = [region(k) << 2, rs, cs];
    }
    const [a, b, c] = staged;
    w.exports.mapRows(code, nr, len, region(0) << 2, a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2], p0, p1, region(4) << 2);
    unstage(mem, region(0), out.buffer as Float32Array, out.offset + r0 * outer(0) + j0, nr, len, outer(0));
  };
  if (n <= CHUNK) {
    const per = Math.floor(CHUNK / n);
    for (let r0 = 0; r0 < rows; r0 += per) block(r0, Math.min(per, rows - r0), 0, n);
  } else {
    for (let r = 0; r < rows; r++) for (let j0 = 0; j0 < n; j0 += CHUNK) block(r, 1, j0, Math.min(CHUNK, n - j0));
  }
  return true;
}

/**
 * Copies a rows × cols block (inner stride 0 or 1) from `x` at `off` into the region at float index `to`;
 * returns its [rowStride, colStride] there. One copy of the whole span where it fits the region (contiguous
 * blocks, broadcast rows), else one per row.
 */
function stage(mem: Float32Array, to: number, x: Float32Array, off: number, rows: number, cols: number, rs: number, cs: number): [number, number] {
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  if (span <= CHUNK) {
    mem.set(x.subarray(off, off + span), to);
    return [rs, cs];
  }
  if (cs === 0) {
    for (let i = 0; i < rows; i++) mem[to + i] = x[off + i * rs];
    return [1, 0];
  }
  for (let i = 0; i < rows; i++) mem.set(x.subarray(off + i * rs, off + i * rs + cols), to + i * cols);
  return [cols, 1];
}

/** Copies rows × cols contiguous results from the region at float index `from` to `o` at `off` (row stride `rs`). */
function unstage(mem: Float32Array, from: number, o: Float32Array, off: number, rows: number, cols: number, rs: number): void {
  if (rows === 1 || rs === cols) {
    o.set(mem.subarray(from, from + rows * cols), off);
    return;
  }
  for (let i = 0; i < rows; i++) o.set(mem.subarray(from + i * cols, from + (i + 1) * cols), off + i * rs);
}

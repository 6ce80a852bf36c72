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
import { copyRows, unstageRows } from './copy-rows.js';

type CpuView = View<AnyTypedArray>;

/** The ops with a Wasm kernel; an op's code is its index here, as numbered in assembly/elementwise.ts. */
export const WASM_OPS = [
  'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'reciprocal', 'tanh', 'sigmoid', 'relu',
  'add', 'sub', 'mul', 'div', 'tanhBackward', 'sigmoidBackward', 'reluBackward', 'scaleAdd', 'scaleAddSquare', 'adamStep',
  'gelu', 'geluTanh', 'geluBackward', 'geluTanhBackward',
] as const satisfies readonly ElementwiseOp[];
const CODES = new Map<string, number>(WASM_OPS.map((op, i) => [op, i]));

/** Whether `op` has a Wasm kernel. */
export const hasWasmKernel = (op: ElementwiseOp): boolean => CODES.has(op);

/** Results per call at most: a block of this many floats per operand region. */
export const CHUNK = 16384;
/** Floats per region: a block and the padding whole-vector loops run into. */
export const REGION = CHUNK + 16;
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
  adam(n: number, p: number, g: number, m: number, v: number, b1: number, c1: number, b2: number, c2: number, stepSize: number, eps: number): void;
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
  const arity = inputs.length;
  const strides = [out.strides];
  for (const x of inputs) {
    if (x.dtype !== 'float32') return false;
    strides.push(x.strides);
  }
  const walk = coalesce(out.shape, strides);
  const nd = walk.shape.length;
  if (nd > 2) return false;
  const rows = nd === 2 ? walk.shape[0] : 1;
  const n = walk.shape[nd - 1];
  if (rows * n === 0) return true;
  // per operand (out first): stride between rows and along a row
  const outer = walk.strides.map((s) => (nd === 2 ? s[0] : 0));
  const inner = walk.strides.map((s) => s[nd - 1]);
  if (inner[0] !== 1 && n !== 1) return false;
  for (let k = 0; k <= arity; k++) if (outer[k] < 0 || (inner[k] !== 0 && inner[k] !== 1)) return false;

  const mem = w.f32;
  const base = w.scratch >> 2;
  const p0 = params.length > 0 ? params[0] : 0;
  const p1 = params.length > 1 ? params[1] : 0;
  // blocks of whole rows, or pieces of one row where a row is longer than a block
  const perBlock = n <= CHUNK ? Math.floor(CHUNK / n) : 1;
  const len = Math.min(n, CHUNK);
  const staged = [0, 0, 0, 0, 0, 0, 0, 0, 0]; // [address, rowStride, colStride] of operands 1..3
  for (let r0 = 0; r0 < rows; r0 += perBlock) {
    const nr = Math.min(perBlock, rows - r0);
    for (let j0 = 0; j0 < n; j0 += len) {
      const cols = Math.min(len, n - j0);
      for (let k = 1; k <= 3; k++) {
        const at = 3 * (k - 1);
        if (k > arity) {
          staged[at] = staged[0];
          staged[at + 1] = staged[1];
          staged[at + 2] = staged[2];
          continue;
        }
        const x = inputs[k - 1];
        const to = base + k * REGION;
        const off = x.offset + r0 * outer[k] + j0 * inner[k];
        staged[at] = to << 2;
        stage(mem, to, x.buffer as Float32Array, off, nr, cols, outer[k], inner[k], staged, at + 1);
      }
      const s = staged;
      w.exports.mapRows(code, nr, cols, base << 2, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], p0, p1, (base + 4 * REGION) << 2);
      unstageRows(mem, base, out.buffer as Float32Array, out.offset + r0 * outer[0] + j0, nr, cols, outer[0]);
    }
  }
  return true;
}

/**
 * Copies a rows × cols block (inner stride 0 or 1) from `x` at `off` into the region at float index `to`, and
 * writes its row and column strides there to layout[at], layout[at + 1]. One copy of the whole span where it
 * fits the region (contiguous blocks, broadcast rows), else one per row.
 */
function stage(
  mem: Float32Array, to: number, x: Float32Array, off: number, rows: number, cols: number, rs: number, cs: number, layout: number[], at: number,
): void {
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  if (span <= CHUNK) {
    mem.set(x.subarray(off, off + span), to);
    layout[at] = rs;
    layout[at + 1] = cs;
  } else if (cs === 0) {
    for (let i = 0; i < rows; i++) mem[to + i] = x[off + i * rs];
    layout[at] = 1;
    layout[at + 1] = 0;
  } else {
    copyRows(mem, to, cols, x, off, rs, rows, cols);
    layout[at] = cols;
    layout[at + 1] = 1;
  }
}


/**
 * Adam's update of one float32 parameter through the one-pass Wasm kernel (see `Backend.adamUpdate`): blocks of
 * the parameter, gradient and both moments are copied in, updated, and the parameter and moments copied back.
 * Returns false, having done nothing, unless all four views are float32 and walk their memory contiguously.
 */
export function adamWasm(w: ElementwiseEngine, views: readonly CpuView[], hyper: readonly number[]): boolean {
  for (const v of views) if (v.dtype !== 'float32') return false;
  const walk = coalesce(views[0].shape, views.map((v) => v.strides));
  if (walk.shape.length !== 1 || walk.strides.some((s) => s[0] !== 1 && walk.shape[0] !== 1)) return false;
  const n = walk.shape[0];
  const mem = w.f32;
  const base = w.scratch >> 2;
  const [b1, c1, b2, c2, stepSize, eps] = hyper;
  for (let j0 = 0; j0 < n; j0 += CHUNK) {
    const len = Math.min(CHUNK, n - j0);
    views.forEach((v, k) => mem.set((v.buffer as Float32Array).subarray(v.offset + j0, v.offset + j0 + len), base + k * REGION));
    w.exports.adam(len, base << 2, (base + REGION) << 2, (base + 2 * REGION) << 2, (base + 3 * REGION) << 2, b1, c1, b2, c2, stepSize, eps);
    // the gradient (k = 1) is only read
    for (const k of [0, 2, 3]) {
      const v = views[k];
      (v.buffer as Float32Array).set(mem.subarray(base + k * REGION, base + k * REGION + len), v.offset + j0);
    }
  }
  return true;
}

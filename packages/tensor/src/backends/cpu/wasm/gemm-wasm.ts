/**
 * The float32 GEMM driver for the WebAssembly SIMD kernel (assembly/gemm.ts): the same GotoBLAS loop
 * nest as the JS `gemm`, with copies in and out in JS and packing and compute in Wasm.
 *
 * JS copies blocks of A and B from their strided layouts into the module's memory (typed-array `set` of
 * the span a block covers, or of each contiguous row or column), Wasm packs them into micro-panels
 * (the JS kernel packs too; a JS packing loop measured 10–20× slower than `set` plus packing in Wasm),
 * the Wasm macro-kernel computes an mc × nc block of C into a C block in that memory, and JS copies the
 * block out to the strided C. Wasm cannot read JS typed arrays, so copies in and out are unavoidable;
 * they are O(mc·kc + kc·nc + mc·nc) per O(mc·nc·kc) of arithmetic.
 *
 * Accumulation is in float32, like BLAS sgemm (the JS kernel accumulates in float64).
 */

/** Micro-tile of the Wasm kernel; must match MR and NR in assembly/gemm.ts. */
const MR = 4;
const NR = 8;
// Cache blocking: a B sliver (KC × NR floats = 8 KiB) stays in L1, the A block (MC × KC = 128 KiB) in L2,
// the B panel (KC × NC = 512 KiB) in L2/L3.
const KC = 256;
const MC = 128;
const NC = 512;

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  packA(src: number, rs: number, cs: number, mc: number, kc: number, dst: number): void;
  packB(src: number, rs: number, cs: number, kc: number, nc: number, dst: number): void;
  macroKernel(mc: number, nc: number, kc: number, a: number, b: number, c: number, ldc: number, accumulate: number): void;
}

/** One instance of the kernel module and the scratch regions in its memory (byte addresses). */
export interface WasmGemm {
  exports: KernelExports;
  /** Float32 view of the whole memory; the memory never grows after setup, so the view stays valid. */
  f32: Float32Array;
  // byte addresses of the scratch regions: blocks of A and B as copied in, the same packed, and the C block
  stageA: number;
  stageB: number;
  packA: number;
  packB: number;
  cBlock: number;
}

/**
 * Instantiates the kernel and grows its memory once to hold the A block and B panel (as copied in and
 * packed) and the C block; their sizes come from the block constants alone, so memory stays bounded whatever the matrices.
 */
export function createWasmGemm(module: WebAssembly.Module): WasmGemm {
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  const stageA = (exports.heapBase() + 63) & ~63; // 64-byte aligned: whole cache lines per sliver
  const stageB = stageA + 4 * MC * KC;
  const packA = stageB + 4 * KC * NC;
  const packB = packA + 4 * MC * KC;
  const cBlock = packB + 4 * KC * NC;
  const end = cBlock + 4 * MC * NC;
  const have = exports.memory.buffer.byteLength;
  if (end > have) exports.memory.grow(Math.ceil((end - have) / 65536));
  return { exports, f32: new Float32Array(exports.memory.buffer), stageA, stageB, packA, packB, cBlock };
}

/**
 * C = A·B for float32 operands given as (array, offset, rowStride, colStride), like the JS `gemm`.
 * Callers handle M, N or K of zero.
 */
export function gemmWasm(
  w: WasmGemm, M: number, N: number, K: number,
  a: Float32Array, aOff: number, aRs: number, aCs: number,
  b: Float32Array, bOff: number, bRs: number, bCs: number,
  c: Float32Array, cOff: number, cRs: number, cCs: number,
): void {
  gemmWasmRows(w, 0, M, N, K, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
}

/**
 * Rows [rowStart, rowEnd) of C = A·B. Row ranges are independent (each packs the B panels it needs), so
 * one product can be split across workers, each with its own kernel instance, by giving each a range.
 */
export function gemmWasmRows(
  w: WasmGemm, rowStart: number, rowEnd: number, N: number, K: number,
  a: Float32Array, aOff: number, aRs: number, aCs: number,
  b: Float32Array, bOff: number, bRs: number, bCs: number,
  c: Float32Array, cOff: number, cRs: number, cCs: number,
): void {
  // K in equal slices no deeper than KC, so K = KC + 1 does not leave a 1-deep pass behind.
  const kSlices = Math.ceil(K / KC);
  const kcMax = Math.ceil(K / kSlices);
  const ex = w.exports;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    const ncPad = Math.ceil(nc / NR) * NR;
    for (let pc = 0; pc < K; pc += kcMax) {
      const kc = Math.min(kcMax, K - pc);
      const first = pc === 0; // the first K slice overwrites C, later ones add to it
      const [br, bc] = stage(w, w.stageB, KC * NC, kc, nc, b, bOff + pc * bRs + jc * bCs, bRs, bCs);
      ex.packB(w.stageB, br, bc, kc, nc, w.packB);
      for (let ic = rowStart; ic < rowEnd; ic += MC) {
        const mc = Math.min(MC, rowEnd - ic);
        const [ar, ac] = stage(w, w.stageA, MC * KC, mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs);
        ex.packA(w.stageA, ar, ac, mc, kc, w.packA);
        const cAt = cOff + ic * cRs + jc * cCs;
        if (!first) loadC(w, mc, nc, ncPad, c, cAt, cRs, cCs);
        ex.macroKernel(Math.ceil(mc / MR) * MR, ncPad, kc, w.packA, w.packB, w.cBlock, ncPad, first ? 0 : 1);
        storeC(w, mc, nc, ncPad, c, cAt, cRs, cCs);
      }
    }
  }
}

/**
 * Copies the rows × cols block at `off` of a strided matrix into the module's memory at byte address `to`
 * (room for `room` floats) and returns its layout there as [rowStride, colStride] in floats. Each typed-array
 * `set` costs a `subarray` object, so the fewest copies win: the whole span the block covers in one copy when
 * it fits (a contiguous or broadcast operand, or one whose rows are not much longer than the block), else one
 * per contiguous row or column, else element by element (slices with steps).
 */
function stage(
  w: WasmGemm, to: number, room: number, rows: number, cols: number, x: Float32Array, off: number, rs: number, cs: number,
): [number, number] {
  const mem = w.f32;
  const base = to >> 2;
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  if (rs >= 0 && cs >= 0 && span <= room) {
    mem.set(x.subarray(off, off + span), base);
    return [rs, cs];
  }
  if (cs === 1) {
    for (let i = 0; i < rows; i++) mem.set(x.subarray(off + i * rs, off + i * rs + cols), base + i * cols);
    return [cols, 1];
  }
  if (rs === 1) {
    for (let j = 0; j < cols; j++) mem.set(x.subarray(off + j * cs, off + j * cs + rows), base + j * rows);
    return [1, rows];
  }
  let d = base;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mem[d++] = x[off + i * rs + j * cs];
  return [cols, 1];
}

/** C block rows ← C (before a K slice that adds to it). */
function loadC(w: WasmGemm, mc: number, nc: number, ld: number, c: Float32Array, off: number, rs: number, cs: number): void {
  const blk = w.f32;
  const base = w.cBlock >> 2;
  if (cs === 1 && rs === ld && nc === ld) {
    blk.set(c.subarray(off, off + mc * ld), base);
    return;
  }
  for (let i = 0; i < mc; i++) {
    const src = off + i * rs;
    const dst = base + i * ld;
    if (cs === 1) blk.set(c.subarray(src, src + nc), dst);
    else for (let j = 0; j < nc; j++) blk[dst + j] = c[src + j * cs];
  }
}

/** C ← the top-left mc × nc of the C block. */
function storeC(w: WasmGemm, mc: number, nc: number, ld: number, c: Float32Array, off: number, rs: number, cs: number): void {
  const blk = w.f32;
  const base = w.cBlock >> 2;
  if (cs === 1 && rs === ld && nc === ld) {
    c.set(blk.subarray(base, base + mc * ld), off);
    return;
  }
  for (let i = 0; i < mc; i++) {
    const src = base + i * ld;
    const dst = off + i * rs;
    if (cs === 1) c.set(blk.subarray(src, src + nc), dst);
    else for (let j = 0; j < nc; j++) c[dst + j * cs] = blk[src + j];
  }
}

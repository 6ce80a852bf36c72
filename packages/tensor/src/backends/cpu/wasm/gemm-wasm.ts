/**
 * The float32 GEMM driver for the WebAssembly SIMD kernel (assembly/gemm.ts): the GotoBLAS loop nest of
 * the JS `gemm`, with copies in and out in JS and packing and compute in Wasm, on one thread or several.
 *
 * JS copies blocks of A and B from their strided layouts into the module's memory (typed-array `set` of
 * the span a block covers, or of each contiguous row or column), Wasm packs them into micro-panels
 * (a JS packing loop measured 10–20× slower than `set` plus packing in Wasm) and computes. Wasm cannot
 * read JS typed arrays, so the copies are unavoidable; they are O(rows·kc + kc·nc + rows·nc) per
 * O(rows·nc·kc) of arithmetic.
 *
 * Loop nest: NC-wide column panels of C, then chunks of rows (as many as the staging area holds), then
 * KC-deep slices of K. Per slice (a "round") the calling thread copies in the B panel and packs it once
 * (shared by all threads), copies in the chunk's rows of A, and then every thread of the team (the caller included) takes row
 * blocks from a shared ticket and runs Wasm `work` on them: pack its block of A into its own region, then
 * the macro-kernel into the chunk's C region, which stays in Wasm memory across the K slices (no reload
 * of C between slices). After the last slice the caller copies the chunk of C out.
 *
 * Rows are handed out by the ticket, not split in fixed shares: the caller spends part of each round
 * copying in the next round's operands (double-buffered, so the copies overlap the workers' compute), and a
 * worker may wake late, so whoever is free takes the next block. Every element of C
 * depends only on the K slicing, never on who computed its block or on the block height, so the result
 * is bitwise the same whatever the thread count. Accumulation is in float32, like BLAS sgemm.
 */

import { CHUNK, ELEMENTWISE_SCRATCH_BYTES, REGION, WASM_OPS, type ElementwiseEngine, type ElementwiseExports } from './elementwise-wasm.js';
import type { ReduceExports } from './reduce-wasm.js';
import type { SoftmaxExports } from './softmax-wasm.js';
import { ATTENTION_SCRATCH_BYTES, type AttentionEngine, type AttentionExports } from './attention-wasm.js';
import type { LayerNormExports } from './layernorm-wasm.js';
import { ThreadChooser, type ThreadMode } from './thread-choice.js';
import { copyRows } from './copy-rows.js';
import type { RowBias } from '../gemm.js';

/** Micro-tile of the Wasm kernel; must match MR and NR in assembly/gemm.ts. */
const MR = 4;
const NR = 8;
// Cache blocking: a B sliver (KC × NR floats = 8 KiB) stays in L1, a block of packed A (MC × KC = 128 KiB)
// in L2, the packed B panel (KC × NC = 512 KiB) in L2/L3.
const KC = 256;
const MC = 128;
const NC = 512;

/**
 * Word indexes of the control block (i32 words from its address). TICKET to ACCUMULATE must match the
 * byte offsets in assembly/gemm.ts; the rest only JS (caller and worker source) uses.
 */
export const CTL = {
  TICKET: 0, DONE: 1, ERROR: 2, QUIT: 3, FAULT: 4, ROWS: 5, GRAIN: 6, KC: 7, NCPAD: 8,
  A_AT: 9, A_RS: 10, A_CS: 11, B_AT: 12, C_AT: 13, ACCUMULATE: 14, CLAIM: 15, MESSAGE: 16, WORDS: 64,
} as const;

interface KernelExports extends ElementwiseExports, ReduceExports, SoftmaxExports, AttentionExports, LayerNormExports {
  heapBase(): number;
  packA(src: number, rs: number, cs: number, mc: number, kc: number, dst: number): void;
  packB(src: number, rs: number, cs: number, kc: number, nc: number, dst: number): void;
  macroKernel(mc: number, nc: number, kc: number, a: number, b: number, c: number, ldc: number, accumulate: number): void;
  work(ctl: number, packed: number): number;
  compactRows(at: number, rows: number, nc: number, ld: number): void;
}

/** Where a team's regions lie in the memory (byte addresses), for `threads` threads. */
export interface Layout {
  threads: number;
  ctl: number;
  stageB: number;
  /** Staged A and packed B are double-buffered where threads share the work: 0 and 1 alternate by round. */
  stageA: number[];
  packB: number[];
  buffers: number;
  cRegion: number;
  /** One packing region for A per thread; index 0 is the caller's. */
  packA: number[];
  /** Rows of C per chunk: the staging area for A and the C region hold this many. */
  chunkRows: number;
  /** The elementwise kernels' scratch (elementwise-wasm.ts), used on the calling thread only. */
  scratch: number;
  /** The attention kernels' scratch (attention-wasm.ts), used on the calling thread only. */
  attention: number;
  /** Memory size in 64 KiB pages. */
  pages: number;
}

/**
 * The regions for a team of `threads` threads, bounded by the block constants and the thread count, never by
 * the matrices: about 1.9 MiB on one thread, 3.8 MiB on two, and 1.1 MiB more a thread, plus 448 KiB of
 * scratch for the elementwise kernels and 641 KiB for the attention kernels. A chunk holds two MC blocks per thread, so each thread can take several
 * blocks a round and late starters still balance.
 */
export function layoutFor(heapBase: number, threads: number): Layout {
  const chunkRows = 2 * MC * Math.max(1, threads);
  const ctl = (heapBase + 63) & ~63; // 64-byte aligned: whole cache lines per sliver
  const stageB = ctl + 4 * 64;
  const cRegion = stageB + 4 * KC * NC;
  let end = cRegion + 4 * chunkRows * NC;
  const buffers = threads > 1 ? 2 : 1;
  const packB: number[] = [];
  const stageA: number[] = [];
  const packA: number[] = [];
  for (let i = 0; i < buffers; i++, end += 4 * KC * NC) packB.push(end);
  for (let i = 0; i < buffers; i++, end += 4 * chunkRows * KC) stageA.push(end);
  for (let t = 0; t < threads; t++, end += 4 * MC * KC) packA.push(end);
  const scratch = end;
  end += ELEMENTWISE_SCRATCH_BYTES;
  const attention = end;
  end += ATTENTION_SCRATCH_BYTES;
  return { threads, ctl, stageB, packB, stageA, buffers, cRegion, packA, chunkRows, scratch, attention, pages: Math.ceil(end / 65536) };
}

/** How a round's row blocks reach other threads (threads.ts); without one the caller computes all of them. */
export interface Team {
  /** Threads besides the caller that may take blocks. */
  readonly helpers: number;
  /** Wakes the workers once the round's ticket is out (starting them on first use). */
  wake(): void;
  /** Returns once `blocks` blocks of the round are done; throws if a worker failed or stopped responding. */
  wait(blocks: number): void;
}

/** One instance of the kernel module on its memory, with the regions the drivers use (matmul, elementwise). */
export interface WasmKernels extends ElementwiseEngine, AttentionEngine {
  exports: KernelExports;
  memory: WebAssembly.Memory;
  /** Float32 and Int32 views of the whole memory, which never grows, so the views stay valid. */
  f32: Float32Array;
  i32: Int32Array;
  layout: Layout;
  /** Other threads to share large products with; null on one thread. */
  team: Team | null;
  /**
   * Where a team shares this instance's memory: the same kernels on an unshared memory of their own, for the work no
   * other thread takes (elementwise ops, softmax, attention, layerNorm, Adam, products run alone). V8 copies into and
   * out of a shared buffer at half the speed of an unshared one (measured 26 against 52 GB/s for 256 KB), and every
   * kernel call copies its operands in and its results out. Null on one thread, where the memory is unshared.
   */
  solo: WasmKernels | null;
  /** Which shapes are shared with the team, chosen by timing them both ways (see {@link setThreadChoice}). */
  chooser: ThreadChooser;
  /** Generation of the last round (15 bits, in the ticket's high half). */
  gen: number;
}

/** The memory a team of `threads` needs, shared where the team has workers. */
export function createMemory(module: WebAssembly.Module, threads: number, shared: boolean): { memory: WebAssembly.Memory; layout: Layout } {
  // heapBase is a constant of the module: ask a throwaway instance on a one-page memory
  const probe = new WebAssembly.Memory({ initial: 1, maximum: 1, shared } as WebAssembly.MemoryDescriptor);
  const base = (new WebAssembly.Instance(module, { env: { memory: probe } }).exports as unknown as KernelExports).heapBase();
  const layout = layoutFor(base, threads);
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared } as WebAssembly.MemoryDescriptor);
  return { memory, layout };
}

/** Instantiates the kernel on `memory` for the calling thread. */
export function createWasmKernels(module: WebAssembly.Module, memory: WebAssembly.Memory, layout: Layout): WasmKernels {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  return {
    exports, memory, f32: new Float32Array(memory.buffer), i32: new Int32Array(memory.buffer), layout, scratch: layout.scratch, attention: layout.attention, team: null, solo: null, chooser: new ThreadChooser(), gen: 0,
  };
}

/**
 * Below this many multiply-adds a product stays on the calling thread: waking a worker costs tens of
 * microseconds. Measured (2 threads, Node 20, x64): 96³ ran slower on two threads, 128³ about 1.2× faster.
 * Larger products are shared or not as timing each shape both ways shows (thread-choice.ts).
 */
export const THREAD_MIN_WORK = 128 ** 3;

/**
 * 'measured' (default): a product large enough to share is shared only if, timed both ways, its shape runs faster
 * on the team; 'always': every such product is shared (what the thread tests need, to exercise the workers).
 */
export type ThreadChoice = 'measured' | 'always';
let threadChoice: ThreadChoice = 'measured';

/** Sets how products large enough to share are assigned to threads; returns the previous setting. */
export function setThreadChoice(choice: ThreadChoice): ThreadChoice {
  const previous = threadChoice;
  threadChoice = choice;
  return previous;
}

/** One K slice of one chunk of rows of one column panel: what the threads share between two waits. */
interface Round {
  jc: number; nc: number; ncPad: number;
  ic: number; rows: number; grain: number; blocks: number;
  pc: number; kc: number;
  /** Which of the double-buffered regions (staged A, packed B) holds this round's operands. */
  buf: number;
  /** Layout of the staged A: [rowStride, colStride]. */
  a: [number, number];
}

/**
 * C = A·B for float32 operands given as (array, offset, rowStride, colStride), like the JS `gemm`.
 * Callers handle M, N or K of zero. Large products are shared with `w.team` when there is one.
 */
export function gemmWasm(
  w: WasmKernels, M: number, N: number, K: number,
  a: Float32Array, aOff: number, aRs: number, aCs: number,
  b: Float32Array, bOff: number, bRs: number, bCs: number,
  c: Float32Array, cOff: number, cRs: number, cCs: number,
  bias: RowBias | null = null,
): void {
  const shareable = w.team !== null && M * N * K >= THREAD_MIN_WORK && M >= 2 * MR;
  const shape = shareable && threadChoice === 'measured' ? `${M}x${N}x${K}` : null;
  const mode: ThreadMode = shape === null ? (shareable ? 'team' : 'alone') : w.chooser.choose(shape);
  const started = shape === null ? 0 : w.chooser.start();
  const team = mode === 'team' ? w.team : null;
  // a product no worker takes runs on the unshared instance where there is one (see WasmKernels.solo)
  const e = team === null && w.solo !== null ? w.solo : w;
  const L = e.layout;
  const ex = e.exports;
  const i32 = e.i32;
  const ctl = L.ctl >> 2;
  const threads = team ? team.helpers + 1 : 1;
  // K in equal slices no deeper than KC, so K = KC + 1 does not leave a 1-deep pass behind.
  const kSlices = Math.ceil(K / KC);
  const kcMax = Math.ceil(K / kSlices);

  /** The round after `r` (panel, then chunk of rows, then K slice), or null after the last. */
  const next = (r: Round | null): Round | null => {
    let jc = 0, ic = 0, pc = 0;
    if (r) {
      pc = r.pc + r.kc;
      ic = r.ic;
      jc = r.jc;
      if (pc >= K) { pc = 0; ic += r.rows; }
      if (ic >= M) { ic = 0; jc += r.nc; }
      if (jc >= N) return null;
    }
    const nc = Math.min(NC, N - jc);
    const rows = Math.min(L.chunkRows, M - ic);
    const grain = blockRows(rows, threads);
    return {
      jc, nc, ncPad: Math.ceil(nc / NR) * NR, ic, rows, grain, blocks: Math.ceil(rows / grain),
      pc, kc: Math.min(kcMax, K - pc), buf: r ? (r.buf + 1) % L.buffers : 0, a: [0, 0],
    };
  };

  /** Copies in the round's B panel and packs it, and copies in its rows of A. */
  const prepare = (r: Round): void => {
    const [br, bc] = stage(e.f32, L.stageB, KC * NC, r.kc, r.nc, b, bOff + r.pc * bRs + r.jc * bCs, bRs, bCs);
    ex.packB(L.stageB, br, bc, r.kc, r.nc, L.packB[r.buf]);
    r.a = stage(e.f32, L.stageA[r.buf], L.chunkRows * KC, r.rows, r.kc, a, aOff + r.ic * aRs + r.pc * aCs, aRs, aCs);
  };

  let r = next(null);
  if (r) prepare(r);
  while (r) {
    // the round's parameters, then the ticket that publishes them (see `work` in assembly/gemm.ts)
    i32[ctl + CTL.ROWS] = r.rows;
    i32[ctl + CTL.GRAIN] = r.grain;
    i32[ctl + CTL.KC] = r.kc;
    i32[ctl + CTL.NCPAD] = r.ncPad;
    i32[ctl + CTL.A_AT] = L.stageA[r.buf];
    i32[ctl + CTL.A_RS] = r.a[0];
    i32[ctl + CTL.A_CS] = r.a[1];
    i32[ctl + CTL.B_AT] = L.packB[r.buf];
    i32[ctl + CTL.C_AT] = L.cRegion;
    i32[ctl + CTL.ACCUMULATE] = r.pc === 0 ? 0 : 1; // the first K slice overwrites the C region
    Atomics.store(i32, ctl + CTL.DONE, 0);
    e.gen = (e.gen + 1) & 0x7fff;
    Atomics.store(i32, ctl + CTL.TICKET, (e.gen << 16) | r.blocks);
    const following = next(r);
    if (team) {
      // the workers start on this round while the caller copies in the next one (into the other buffers)
      team.wake();
      if (following) prepare(following);
      ex.work(L.ctl, L.packA[0]);
      team.wait(r.blocks);
    } else {
      ex.work(L.ctl, L.packA[0]);
      if (following) prepare(following);
    }
    if (r.pc + r.kc >= K && bias) {
      storeBiased(e, r.rows, r.nc, r.ncPad, bias, r.jc, c, cOff + r.ic * cRs + r.jc * cCs, cRs, cCs);
    } else if (r.pc + r.kc >= K) {
      let ld = r.ncPad;
      // rows padded to whole tiles but stored densely: close the gaps in Wasm, then copy out in one piece
      if (ld !== r.nc && cCs === 1 && cRs === r.nc && r.rows > 1) {
        ex.compactRows(L.cRegion, r.rows, r.nc, ld);
        ld = r.nc;
      }
      storeC(e.f32, L.cRegion >> 2, r.rows, r.nc, ld, c, cOff + r.ic * cRs + r.jc * cCs, cRs, cCs);
    }
    r = following;
  }
  if (shape !== null) w.chooser.record(shape, mode, started);
}

/**
 * Rows per block (a multiple of MR) for a chunk of `rows` shared by `threads` threads: MC on one thread;
 * with more, about BLOCKS_PER_THREAD blocks per thread, so a thread that starts late (the caller after its
 * copies, a worker waking up) still ends near the others; never under 16 rows, where the kernel loses speed.
 */
function blockRows(rows: number, threads: number): number {
  if (threads === 1) return MC;
  const per = Math.ceil(rows / (BLOCKS_PER_THREAD * threads));
  return Math.min(MC, Math.max(MIN_BLOCK, Math.ceil(per / MR) * MR));
}
// Two blocks a thread measured best at n = 128..1024 on 2 threads (three or six: 5–15% slower).
const BLOCKS_PER_THREAD = 2;
const MIN_BLOCK = 16;

/**
 * Copies the rows × cols block at `off` of a strided matrix into the memory at byte address `to` (room for
 * `room` floats) and returns its layout there as [rowStride, colStride] in floats. Each typed-array `set`
 * costs a `subarray` object, so the fewest copies win: the whole span the block covers in one copy when it
 * fits (a contiguous or broadcast operand, or one whose rows are not much longer than the block), else one
 * per contiguous row or column, else element by element (slices with steps).
 */
function stage(
  mem: Float32Array, to: number, room: number, rows: number, cols: number, x: Float32Array, off: number, rs: number, cs: number,
): [number, number] {
  const base = to >> 2;
  const span = (rows - 1) * rs + (cols - 1) * cs + 1;
  if (rs >= 0 && cs >= 0 && span <= room) {
    mem.set(x.subarray(off, off + span), base);
    return [rs, cs];
  }
  if (cs === 1) {
    copyRows(mem, base, cols, x, off, rs, rows, cols);
    return [cols, 1];
  }
  if (rs === 1) {
    copyRows(mem, base, rows, x, off, cs, cols, rows); // column by column
    return [1, rows];
  }
  let d = base;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mem[d++] = x[off + i * rs + j * cs];
  return [cols, 1];
}

const ADD = WASM_OPS.indexOf('add');

/**
 * C ← the top-left rows × nc of the C region (row stride ld floats) plus bias[jc + j] in each column j: the
 * elementwise kernel's add, from the C region into the elementwise scratch a block of rows at a time (which also
 * closes the gaps of padded rows), then copied out. The sums are those an add after the product makes.
 */
function storeBiased(
  e: WasmKernels, rows: number, nc: number, ld: number, bias: RowBias, jc: number, c: Float32Array, off: number, rs: number, cs: number,
): void {
  const mem = e.f32;
  const base = e.scratch >> 2;
  const biasAt = base + REGION;
  const { array, offset, stride } = bias;
  if (stride === 1) mem.set((array as Float32Array).subarray(offset + jc, offset + jc + nc), biasAt);
  else for (let j = 0; j < nc; j++) mem[biasAt + j] = array[offset + (jc + j) * stride];
  const cAt = e.layout.cRegion;
  const per = Math.max(1, Math.floor(CHUNK / nc));
  for (let r0 = 0; r0 < rows; r0 += per) {
    const nr = Math.min(per, rows - r0);
    const from = cAt + 4 * r0 * ld;
    e.exports.mapRows(ADD, nr, nc, base << 2, from, ld, 1, biasAt << 2, 0, 1, from, ld, 1, 0, 0, (base + 4 * REGION) << 2);
    storeC(mem, base, nr, nc, nc, c, off + r0 * rs, rs, cs);
  }
}

/** C ← the top-left rows × nc of the C region (row stride `ld` floats, from float index `base`). */
function storeC(
  mem: Float32Array, base: number, rows: number, nc: number, ld: number, c: Float32Array, off: number, rs: number, cs: number,
): void {
  if (cs === 1) {
    copyRows(c, off, rs, mem, base, ld, rows, nc);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const src = base + i * ld;
    const dst = off + i * rs;
    for (let j = 0; j < nc; j++) c[dst + j * cs] = mem[src + j];
  }
}

/**
 * General matrix multiply for the CPU backend: C = A·B on strided views.
 *
 * Floating point inputs go through a GotoBLAS-style blocked algorithm:
 *   for each NC-wide column panel of B and KC-deep slice of K:
 *     pack B[kc × nc] into `packedB` as NR-wide row slivers;
 *     for each MC-tall row block of A:
 *       pack A[mc × kc] into `packedA` as MR-wide column slivers;
 *       run the MR×NR micro-kernel over every (sliver of A, sliver of B) pair.
 * Packing turns arbitrary strides (transposed, broadcast with stride 0, offset views) into unit-stride
 * reads, so the hot loop only ever sees one array type (Float64Array) and stays monomorphic in V8.
 * The scratch buffers are sized by the block constants, never by the matrices, and are reused across calls.
 *
 * Int32 matrices take a separate exact path (wrapping int32 arithmetic, like C). When A, B and C are all
 * float32 and WebAssembly SIMD is available, the product goes to the Wasm kernel instead (wasm/select.ts),
 * which shares large products among threads (wasm/threads.ts).
 */
import { gemmWasm } from './wasm/gemm-wasm.js';
import { wasmGemmFor } from './wasm/select.js';

export type NumericArray = Float32Array | Float64Array | Int32Array;

/** A vector added to every row of a product once the row is complete: element j at array[offset + j·stride]. */
export interface RowBias {
  array: NumericArray;
  offset: number;
  stride: number;
}

// Micro-tile: 4×4 doubles = 16 accumulators. V8 on x64 has 15 usable XMM registers, so a few
// accumulators spill; larger tiles (4×8, 6×4) and smaller ones (2×4, 3×3) all measured slower or equal.
const MR = 4;
const NR = 4;
// Blocking: a B sliver (KC×NR doubles = 8 KiB) stays in L1 while the A block (MC×KC = 128 KiB) streams
// from L2. Throughput was flat across KC 128–512 and MC 32–128, so these are middle-of-the-road values.
const KC = 256;
const MC = 64;
const NC = 1024;

const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * NC);
/** Result of one micro-kernel call; copied (or added) into C by `storeTile`. */
const tile = new Float64Array(MR * NR);

/** Below this many multiply-adds the packing overhead outweighs the faster kernel. */
const SMALL_WORK = 64;

/**
 * C = A·B for one matrix pair. A is M×K, B is K×N, C is M×N, each given as (array, offset, rowStride,
 * colStride) in elements, so a transposed operand (colStride != 1) is read where it lies, never copied
 * whole. C is overwritten and must not overlap A or B. If A, B and C are all Int32Array the result is the
 * exact int32 (wrapping) product; if all are Float32Array the Wasm kernel may run (float32 accumulation);
 * otherwise accumulation is done in float64.
 */
export function gemm(
  M: number, N: number, K: number,
  a: NumericArray, aOff: number, aRs: number, aCs: number,
  b: NumericArray, bOff: number, bRs: number, bCs: number,
  c: NumericArray, cOff: number, cRs: number, cCs: number,
  bias: RowBias | null = null,
): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) c[cOff + i * cRs + j * cCs] = 0;
  } else if (a instanceof Int32Array && b instanceof Int32Array && c instanceof Int32Array) {
    gemmInt32(M, N, K, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
  } else {
    const w = a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array ? wasmGemmFor(M * N * K) : null;
    if (w) {
      // the Wasm driver adds the bias itself, to each block of rows before it copies it out
      gemmWasm(w, M, N, K, a as Float32Array, aOff, aRs, aCs, b as Float32Array, bOff, bRs, bCs, c as Float32Array, cOff, cRs, cCs, bias);
      return;
    }
    if (M * N * K <= SMALL_WORK) {
      gemmDirect(M, N, K, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
    } else {
      gemmBlocked(M, N, K, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
    }
  }
  if (bias) addRowBias(M, N, c, cOff, cRs, cCs, bias);
}

/** c[i, j] += bias[j], each sum stored in c's type (the rounding of an elementwise add). */
function addRowBias(M: number, N: number, c: NumericArray, cOff: number, cRs: number, cCs: number, bias: RowBias): void {
  const { array, offset, stride } = bias;
  for (let i = 0; i < M; i++) {
    for (let j = 0, p = cOff + i * cRs, q = offset; j < N; j++, p += cCs, q += stride) c[p] = c[p] + array[q];
  }
}

/** One dot product per output element; for tiny problems where packing costs more than it saves. */
function gemmDirect(
  M: number, N: number, K: number,
  a: NumericArray, aOff: number, aRs: number, aCs: number,
  b: NumericArray, bOff: number, bRs: number, bCs: number,
  c: NumericArray, cOff: number, cRs: number, cCs: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      let ai = aOff + i * aRs;
      let bi = bOff + j * bCs;
      for (let p = 0; p < K; p++, ai += aCs, bi += bRs) s += a[ai] * b[bi];
      c[cOff + i * cRs + j * cCs] = s;
    }
  }
}

function gemmBlocked(
  M: number, N: number, K: number,
  a: NumericArray, aOff: number, aRs: number, aCs: number,
  b: NumericArray, bOff: number, bRs: number, bCs: number,
  c: NumericArray, cOff: number, cRs: number, cCs: number,
): void {
  // Split K into equal slices no deeper than KC, so K = KC + 1 does not leave a 1-deep pass behind.
  const kSlices = Math.ceil(K / KC);
  const kcMax = Math.ceil(K / kSlices);
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += kcMax) {
      const kc = Math.min(kcMax, K - pc);
      const first = pc === 0; // the first K slice overwrites C, later ones accumulate into it
      packB(kc, nc, b, bOff + pc * bRs + jc * bCs, bRs, bCs);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packA(mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs);
        // jr outer, ir inner: the B sliver is reused from L1 across the whole A block.
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, ir * kc, jr * kc);
            const mr = Math.min(MR, mc - ir);
            storeTile(c, cOff + (ic + ir) * cRs + (jc + jr) * cCs, cRs, cCs, mr, nr, first);
          }
        }
      }
    }
  }
}

/**
 * packedA[(ir/MR)·kc·MR + p·MR + i] = A[ir + i, p]; rows past `mc` are zero so the kernel needs no edge case.
 * The two common layouts (row-major A and transposed A) get unrolled loops; anything else is generic.
 */
function packA(mc: number, kc: number, a: NumericArray, off: number, rs: number, cs: number): void {
  const dst = packedA;
  let d = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    let src = off + ir * rs;
    if (mr === MR && cs === 1) {
      const r1 = rs, r2 = 2 * rs, r3 = 3 * rs;
      for (let p = 0; p < kc; p++, src++, d += MR) {
        dst[d] = a[src]; dst[d + 1] = a[src + r1]; dst[d + 2] = a[src + r2]; dst[d + 3] = a[src + r3];
      }
    } else if (mr === MR && rs === 1) {
      for (let p = 0; p < kc; p++, src += cs, d += MR) {
        dst[d] = a[src]; dst[d + 1] = a[src + 1]; dst[d + 2] = a[src + 2]; dst[d + 3] = a[src + 3];
      }
    } else {
      for (let p = 0; p < kc; p++, src += cs, d += MR) {
        for (let i = 0; i < MR; i++) dst[d + i] = i < mr ? a[src + i * rs] : 0;
      }
    }
  }
}

/** packedB[(jr/NR)·kc·NR + p·NR + j] = B[p, jr + j]; columns past `nc` are zero. Mirrors `packA`. */
function packB(kc: number, nc: number, b: NumericArray, off: number, rs: number, cs: number): void {
  const dst = packedB;
  let d = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    let src = off + jr * cs;
    if (nr === NR && cs === 1) {
      for (let p = 0; p < kc; p++, src += rs, d += NR) {
        dst[d] = b[src]; dst[d + 1] = b[src + 1]; dst[d + 2] = b[src + 2]; dst[d + 3] = b[src + 3];
      }
    } else if (nr === NR && rs === 1) {
      const c1 = cs, c2 = 2 * cs, c3 = 3 * cs;
      for (let p = 0; p < kc; p++, src++, d += NR) {
        dst[d] = b[src]; dst[d + 1] = b[src + c1]; dst[d + 2] = b[src + c2]; dst[d + 3] = b[src + c3];
      }
    } else {
      for (let p = 0; p < kc; p++, src += rs, d += NR) {
        for (let j = 0; j < NR; j++) dst[d + j] = j < nr ? b[src + j * cs] : 0;
      }
    }
  }
}

/**
 * tile = (MR×kc sliver of packedA at `ai`) · (kc×NR sliver of packedB at `bi`).
 * The 16 sums live in local variables (registers, mostly); each step does 8 loads for 16 multiply-adds.
 */
function microKernel(kc: number, ai: number, bi: number): void {
  const pa = packedA, pb = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
    const b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2], b3 = pb[bi + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
}

/** Writes the top-left mr×nr corner of `tile` into C (overwriting on the first K slice, else adding). */
function storeTile(
  c: NumericArray, off: number, rs: number, cs: number, mr: number, nr: number, first: boolean,
): void {
  const t = tile;
  for (let i = 0; i < mr; i++) {
    let k = off + i * rs;
    for (let j = 0; j < nr; j++, k += cs) c[k] = first ? t[i * NR + j] : c[k] + t[i * NR + j];
  }
}

/** Columns of B handled per pass of the int32 path; `rowAcc` holds one row of C for those columns. */
const INT_NB = 256;
const rowAcc = new Int32Array(INT_NB);

/**
 * Exact int32 product: every multiply is Math.imul and every add is truncated with `| 0`, so results
 * wrap modulo 2^32 exactly as int32 arithmetic would (a double accumulator would lose bits past 2^53).
 * Loop order i-p-j over a strip of INT_NB columns keeps the B strip hot in cache and the inner loop
 * unit-stride when B is row-major.
 */
function gemmInt32(
  M: number, N: number, K: number,
  a: Int32Array, aOff: number, aRs: number, aCs: number,
  b: Int32Array, bOff: number, bRs: number, bCs: number,
  c: Int32Array, cOff: number, cRs: number, cCs: number,
): void {
  const acc = rowAcc;
  for (let jc = 0; jc < N; jc += INT_NB) {
    const nb = Math.min(INT_NB, N - jc);
    for (let i = 0; i < M; i++) {
      acc.fill(0, 0, nb);
      let ai = aOff + i * aRs;
      for (let p = 0; p < K; p++, ai += aCs) {
        const x = a[ai];
        if (x === 0) continue;
        let bi = bOff + p * bRs + jc * bCs;
        for (let j = 0; j < nb; j++, bi += bCs) acc[j] = (acc[j] + Math.imul(x, b[bi])) | 0;
      }
      let ci = cOff + i * cRs + jc * cCs;
      for (let j = 0; j < nb; j++, ci += cCs) c[ci] = acc[j];
    }
  }
}

/**
 * Scaled dot-product attention through the Wasm kernels (assembly/attention.ts): head by head, the keys and values
 * (and their gradients) are copied whole into the module's memory, the queries in blocks of rows; the kernel
 * computes each block, and the results are copied out. Heads whose keys or values exceed a region, and views that
 * are not float32, are left to the op layer's composition.
 */
import type { AnyTypedArray } from '../../../dtype.js';
import type { AttentionGradViews, AttentionViews, View } from '../../../backend.js';
import { stageRows, unstageRows } from './copy-rows.js';

type CpuView = View<AnyTypedArray>;

/** Floats per region of the attention scratch: the keys (S·E) and values (S·Ev) of a head must fit in one. */
export const ATTENTION_REGION = 16384;
/** Regions: k, v, dk, dv, a block each of q, out, dout, dq, the mask and lse; then the kernel's block of scores. */
const REGIONS = 10;
/** Floats between regions, so whole-vector loops never run into the next one. */
const PAD = 16;
/** The kernel's scratch for one block of scores (KB = 64 in assembly/attention.ts), with its padding. */
const SCORES = 64 + PAD;
/** Bytes of scratch the driver needs in the module's memory. */
export const ATTENTION_SCRATCH_BYTES = 4 * ((ATTENTION_REGION + PAD) * REGIONS + SCORES);

export interface AttentionExports {
  attentionForward(rows: number, row0: number, S: number, E: number, Ev: number, q: number, k: number, v: number, mask: number, out: number, lse: number, scale: number, causal: number, s: number): void;
  attentionBackward(
    rows: number, row0: number, S: number, E: number, Ev: number, q: number, k: number, v: number, mask: number, out: number, dout: number, lse: number,
    dq: number, dk: number, dv: number, scale: number, causal: number, s: number,
  ): void;
}

/** What the driver needs of a kernel instance: its exports, a float view of its memory, the scratch's byte address. */
export interface AttentionEngine {
  exports: AttentionExports;
  f32: Float32Array;
  attention: number;
}

/** Region r's float index in the memory. */
const region = (w: AttentionEngine, r: number) => (w.attention >> 2) + r * (ATTENTION_REGION + PAD);
const [K, V, DK, DV, Q, OUT, DOUT, DQ, MASK, LSE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The sizes of a call, or null where the kernel does not take it. */
function sizes(q: CpuView, k: CpuView, v: CpuView, mask: CpuView | null, views: readonly (CpuView | null)[]) {
  if (views.some((x) => x !== null && x.dtype !== 'float32')) return null;
  const nd = q.shape.length;
  const [L, E] = q.shape.slice(nd - 2);
  const S = k.shape[nd - 2];
  const Ev = v.shape[nd - 1];
  if (S === 0 || E === 0 || Ev === 0 || S * E > ATTENTION_REGION || S * Ev > ATTENTION_REGION || (mask && S > ATTENTION_REGION)) return null;
  const rowBlock = Math.min(L, Math.floor(ATTENTION_REGION / Math.max(E, Ev, mask ? S : 1)));
  return { batch: q.shape.slice(0, nd - 2), L, S, E, Ev, rowBlock };
}

/** Calls `visit` with each batch index's element offset into every view (views share the batch dims). */
function eachHead(batch: readonly number[], views: readonly (CpuView | null)[], visit: (offsets: number[]) => void): void {
  const count = batch.reduce((a, b) => a * b, 1);
  const offsets = views.map((x) => x?.offset ?? 0);
  for (let n = 0; n < count; n++) {
    const at = [...offsets];
    for (let d = batch.length - 1, rest = n; d >= 0; d--) {
      const i = rest % batch[d];
      rest = Math.floor(rest / batch[d]);
      views.forEach((x, j) => {
        if (x) at[j] += i * x.strides[d];
      });
    }
    visit(at);
  }
}

/** Copies rows i0 … i0 + rows − 1 of a head's [L, S] mask (any strides, 0 where broadcast) to consecutive rows. */
function stageMask(mem: Float32Array, to: number, mask: CpuView, off: number, i0: number, rows: number, S: number): void {
  const nd = mask.shape.length;
  const [rs, cs] = [mask.strides[nd - 2], mask.strides[nd - 1]];
  const x = mask.buffer as Float32Array;
  for (let i = 0; i < rows; i++) {
    const from = off + (i0 + i) * rs;
    const dst = to + i * S;
    if (cs === 1) mem.set(x.subarray(from, from + S), dst);
    else if (cs === 0) mem.fill(x[from], dst, dst + S);
    else for (let j = 0; j < S; j++) mem[dst + j] = x[from + j * cs];
  }
}

const rowStride = (x: CpuView) => x.strides[x.shape.length - 2];

/** The forward through the kernel; false (nothing done) where it does not take these views. */
export function attentionWasm(w: AttentionEngine, a: AttentionViews<AnyTypedArray>): boolean {
  const z = sizes(a.q, a.k, a.v, a.mask, [a.out, a.lse, a.q, a.k, a.v, a.mask]);
  if (!z) return false;
  const { batch, L, S, E, Ev, rowBlock } = z;
  const mem = w.f32;
  const at = (r: number) => region(w, r);
  const scores = region(w, REGIONS) << 2;
  const lseStride = a.lse.strides[a.lse.shape.length - 1];
  eachHead(batch, [a.out, a.lse, a.q, a.k, a.v, a.mask], ([oOff, lOff, qOff, kOff, vOff, mOff]) => {
    stageRows(mem, at(K), a.k.buffer, kOff, S, E, rowStride(a.k));
    stageRows(mem, at(V), a.v.buffer, vOff, S, Ev, rowStride(a.v));
    for (let i0 = 0; i0 < L; i0 += rowBlock) {
      const rows = Math.min(rowBlock, L - i0);
      stageRows(mem, at(Q), a.q.buffer, qOff + i0 * rowStride(a.q), rows, E, rowStride(a.q));
      if (a.mask) stageMask(mem, at(MASK), a.mask, mOff, i0, rows, S);
      w.exports.attentionForward(rows, i0, S, E, Ev, at(Q) << 2, at(K) << 2, at(V) << 2, a.mask ? at(MASK) << 2 : 0, at(OUT) << 2, at(LSE) << 2, a.scale, a.causal ? 1 : 0, scores);
      unstageRows(mem, at(OUT), a.out.buffer, oOff + i0 * rowStride(a.out), rows, Ev, rowStride(a.out));
      const lse = a.lse.buffer as Float32Array;
      for (let i = 0; i < rows; i++) lse[lOff + (i0 + i) * lseStride] = mem[at(LSE) + i];
    }
  });
  return true;
}

/** The backward through the kernel; false (nothing done) where it does not take these views. */
export function attentionBackwardWasm(w: AttentionEngine, g: AttentionGradViews<AnyTypedArray>): boolean {
  const z = sizes(g.q, g.k, g.v, g.mask, [g.dq, g.dk, g.dv, g.dout, g.q, g.k, g.v, g.out, g.lse, g.mask]);
  if (!z) return false;
  const { batch, L, S, E, Ev, rowBlock } = z;
  const mem = w.f32;
  const at = (r: number) => region(w, r);
  const scores = region(w, REGIONS) << 2;
  const lseStride = g.lse.strides[g.lse.shape.length - 1];
  const views = [g.dq, g.dk, g.dv, g.dout, g.q, g.k, g.v, g.out, g.lse, g.mask];
  eachHead(batch, views, ([dqOff, dkOff, dvOff, gOff, qOff, kOff, vOff, oOff, lOff, mOff]) => {
    stageRows(mem, at(K), g.k.buffer, kOff, S, E, rowStride(g.k));
    stageRows(mem, at(V), g.v.buffer, vOff, S, Ev, rowStride(g.v));
    mem.fill(0, at(DK), at(DK) + S * E);
    mem.fill(0, at(DV), at(DV) + S * Ev);
    for (let i0 = 0; i0 < L; i0 += rowBlock) {
      const rows = Math.min(rowBlock, L - i0);
      stageRows(mem, at(Q), g.q.buffer, qOff + i0 * rowStride(g.q), rows, E, rowStride(g.q));
      stageRows(mem, at(OUT), g.out.buffer, oOff + i0 * rowStride(g.out), rows, Ev, rowStride(g.out));
      stageRows(mem, at(DOUT), g.dout.buffer, gOff + i0 * rowStride(g.dout), rows, Ev, rowStride(g.dout));
      if (g.mask) stageMask(mem, at(MASK), g.mask, mOff, i0, rows, S);
      const lse = g.lse.buffer as Float32Array;
      for (let i = 0; i < rows; i++) mem[at(LSE) + i] = lse[lOff + (i0 + i) * lseStride];
      mem.fill(0, at(DQ), at(DQ) + rows * E);
      w.exports.attentionBackward(
        rows, i0, S, E, Ev, at(Q) << 2, at(K) << 2, at(V) << 2, g.mask ? at(MASK) << 2 : 0, at(OUT) << 2, at(DOUT) << 2, at(LSE) << 2,
        at(DQ) << 2, at(DK) << 2, at(DV) << 2, g.scale, g.causal ? 1 : 0, scores,
      );
      unstageRows(mem, at(DQ), g.dq.buffer, dqOff + i0 * rowStride(g.dq), rows, E, rowStride(g.dq));
    }
    unstageRows(mem, at(DK), g.dk.buffer, dkOff, S, E, rowStride(g.dk));
    unstageRows(mem, at(DV), g.dv.buffer, dvOff, S, Ev, rowStride(g.dv));
  });
  return true;
}

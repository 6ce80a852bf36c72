/**
 * float32 GEMM kernels for the CPU backend, compiled to WebAssembly SIMD (see scripts/build-wasm.mjs).
 *
 * The host copies blocks of A and B into this module's memory (typed-array `set` per contiguous row or
 * column: memcpy speed), `packA`/`packB` rearrange them into the layouts below, and `macroKernel` writes
 * the product into a C block, also in this memory, for the host to copy to the strided output.
 * Nothing here allocates: the memory is imported (shared between threads where they are used), and the
 * host places its regions after `heapBase()`, sized from its block constants and thread count.
 *
 * Packed A: slivers of MR rows; sliver s holds A[s·MR + i, p] at (s·kc + p)·MR + i.
 * Packed B: slivers of NR columns; sliver s holds B[p, s·NR + j] at (s·kc + p)·NR + j.
 * Rows and columns past the block's edge are zero-padded by the host, so every tile here is full.
 */

// Micro-tile 4×8: eight f32x4 accumulators, two B vectors and one broadcast A value per step, which
// fits the 16 XMM registers V8 allocates on x64 without spilling. Measured on the kernel alone (Zen 5,
// Node 20): 4×8 ≈ 45 GFLOP/s; 6×8, 5×8, 4×16, 3×16, 8×8 and 8×4 all ran at 17–25 GFLOP/s because V8
// spilled accumulators to the stack inside the loop.
const MR: i32 = 4;
const NR: i32 = 8;

/** First free byte after the module's static data; the host puts its scratch regions from here. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * C[0..4, 0..8] (= or +=) packed A sliver at `a` · packed B sliver at `b`, over `kc` steps.
 * `ldc` is the C block's row stride in bytes.
 */
@inline
function tile(kc: i32, a: usize, b: usize, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += <usize>(MR * 4);
    b += <usize>(NR * 4);
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc));
    c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc));
    c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

/**
 * C block (mc × nc, row stride `ldc` floats, at byte address `c`) = or += packed A (mc × kc at `a`) ·
 * packed B (kc × nc at `b`). `mc` and `nc` are multiples of MR and NR (the host pads).
 * Column slivers outer, row slivers inner: one B sliver (kc·NR floats) stays in L1 while the A block
 * streams from L2.
 */
export function macroKernel(mc: i32, nc: i32, kc: i32, a: usize, b: usize, c: usize, ldc: i32, accumulate: bool): void {
  const ldcBytes = <usize>ldc << 2;
  const aStep = <usize>(MR * kc) << 2;
  for (let jr = 0; jr < nc; jr += NR) {
    const bs = b + (<usize>(jr * kc) << 2);
    let as = a;
    let cs = c + (<usize>jr << 2);
    for (let ir = 0; ir < mc; ir += MR) {
      if (accumulate) tile(kc, as, bs, cs, ldcBytes, true);
      else tile(kc, as, bs, cs, ldcBytes, false);
      as += aStep;
      cs += ldcBytes * <usize>MR;
    }
  }
}

/**
 * Stores the transpose of the 4 × 4 block whose rows are `a`…`d`: its column q (a[q], b[q], c[q], d[q]) at
 * `dst + q·stride` bytes. Packing moves values without arithmetic, so the products stay bitwise the same.
 */
@inline
function transposeStore(a: v128, b: v128, c: v128, d: v128, dst: usize, stride: usize): void {
  const ab0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5); // a0 b0 a1 b1
  const ab1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7); // a2 b2 a3 b3
  const cd0 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
  const cd1 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(ab0, cd0, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(ab0, cd0, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(ab1, cd1, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(ab1, cd1, 2, 3, 6, 7));
}

/**
 * Packs the mc × kc block of A at `src` (element (i, p) at src + 4·(i·rs + p·cs)) into MR-row slivers at
 * `dst`, zero-padding rows past mc up to a multiple of MR.
 */
export function packA(src: usize, rs: i32, cs: i32, mc: i32, kc: i32, dst: usize): void {
  const rsB = <usize>rs << 2;
  const csB = <usize>cs << 2;
  for (let ir = 0; ir < mc; ir += MR) {
    let s = src + <usize>ir * rsB;
    if (mc - ir >= MR) {
      let p = 0;
      if (rs == 1) {
        // a sliver's rows are adjacent (A transposed, as in a weight's gradient): one vector a step
        for (; p < kc; p++) {
          v128.store(dst, v128.load(s));
          s += csB;
          dst += <usize>(MR * 4);
        }
      } else if (cs == 1) {
        // row-major A: four steps of each row at once, transposed in registers (the last few below)
        for (; p + 4 <= kc; p += 4) {
          transposeStore(v128.load(s), v128.load(s + rsB), v128.load(s + 2 * rsB), v128.load(s + 3 * rsB), dst, MR * 4);
          s += 16;
          dst += <usize>(4 * MR * 4);
        }
      }
      for (; p < kc; p++) {
        store<f32>(dst, load<f32>(s));
        store<f32>(dst, load<f32>(s + rsB), 4);
        store<f32>(dst, load<f32>(s + 2 * rsB), 8);
        store<f32>(dst, load<f32>(s + 3 * rsB), 12);
        s += csB;
        dst += <usize>(MR * 4);
      }
    } else {
      const mr = mc - ir;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, f32x4.splat(0));
        for (let i = 0; i < mr; i++) store<f32>(dst + (<usize>i << 2), load<f32>(s + <usize>i * rsB));
        s += csB;
        dst += <usize>(MR * 4);
      }
    }
  }
}

/**
 * Packs the kc × nc block of B at `src` (element (p, j) at src + 4·(p·rs + j·cs)) into NR-column slivers at
 * `dst`, zero-padding columns past nc up to a multiple of NR. Row-major B (cs = 1) copies two vectors a row.
 */
export function packB(src: usize, rs: i32, cs: i32, kc: i32, nc: i32, dst: usize): void {
  const rsB = <usize>rs << 2;
  const csB = <usize>cs << 2;
  for (let jr = 0; jr < nc; jr += NR) {
    let s = src + <usize>jr * csB;
    if (nc - jr >= NR) {
      let p = 0;
      if (cs == 1) {
        for (; p < kc; p++) {
          v128.store(dst, v128.load(s));
          v128.store(dst, v128.load(s, 16), 16);
          s += rsB;
          dst += <usize>(NR * 4);
        }
      } else if (rs == 1) {
        // B transposed (x @ weightᵀ, a Linear layer's forward): four steps of each column at once, transposed in
        // registers (the last few below)
        for (; p + 4 <= kc; p += 4) {
          transposeStore(v128.load(s), v128.load(s + csB), v128.load(s + 2 * csB), v128.load(s + 3 * csB), dst, NR * 4);
          transposeStore(v128.load(s + 4 * csB), v128.load(s + 5 * csB), v128.load(s + 6 * csB), v128.load(s + 7 * csB), dst + 16, NR * 4);
          s += 16;
          dst += <usize>(4 * NR * 4);
        }
      }
      for (; p < kc; p++) {
        for (let j = 0; j < NR; j++) store<f32>(dst + (<usize>j << 2), load<f32>(s + <usize>j * csB));
        s += rsB;
        dst += <usize>(NR * 4);
      }
    } else {
      const nr = min(NR, nc - jr);
      for (let p = 0; p < kc; p++) {
        v128.store(dst, f32x4.splat(0));
        v128.store(dst, f32x4.splat(0), 16);
        for (let j = 0; j < nr; j++) store<f32>(dst + (<usize>j << 2), load<f32>(s + <usize>j * csB));
        s += rsB;
        dst += <usize>(NR * 4);
      }
    }
  }
}

// Control block shared by the threads of one product (i32 words at `ctl`; the host's gemm-wasm.ts uses
// the same offsets). The ticket packs a round's generation (high 16 bits) with the number of row blocks
// not yet taken (low 16 bits); the other words are that round's parameters, written before the ticket.
const TICKET = 0;
const DONE = 4;
const ROWS = 20;
const GRAIN = 24;
const KC_ = 28;
const NCPAD = 32;
const A_AT = 36;
const A_RS = 40;
const A_CS = 44;
const B_AT = 48;
const C_AT = 52;
const ACCUMULATE = 56;

/**
 * Takes row blocks of the current round until none is left and computes each: packs its rows of the staged
 * A into this thread's `packed` region and multiplies them by the shared packed B into the C region.
 * Every thread of a product (the caller and the workers) runs this same loop, so each row of C is computed
 * by one thread with the same code whichever thread that is. A block is taken by compare-exchange on the
 * whole ticket, which fails if the round has moved on, so parameters read for an older round are never
 * used. Returns the last ticket seen (with no block left): a worker sleeps until the ticket changes.
 */
export function work(ctl: usize, packed: usize): u32 {
  let gen: u32 = 0xffffffff;
  let rows = 0, grain = 0, kc = 0, ncPad = 0, aRs = 0, aCs = 0, acc = false;
  let a: usize = 0, b: usize = 0, c: usize = 0;
  let t = atomic.load<u32>(ctl, TICKET);
  while ((t & 0xffff) != 0) {
    if (t >>> 16 != gen) {
      gen = t >>> 16;
      rows = load<i32>(ctl, ROWS);
      grain = load<i32>(ctl, GRAIN);
      kc = load<i32>(ctl, KC_);
      ncPad = load<i32>(ctl, NCPAD);
      a = load<u32>(ctl, A_AT);
      aRs = load<i32>(ctl, A_RS);
      aCs = load<i32>(ctl, A_CS);
      b = load<u32>(ctl, B_AT);
      c = load<u32>(ctl, C_AT);
      acc = load<i32>(ctl, ACCUMULATE) != 0;
    }
    if (atomic.cmpxchg<u32>(ctl, t, t - 1, TICKET) == t) {
      const r0 = (<i32>(t & 0xffff) - 1) * grain;
      const mc = min(grain, rows - r0);
      packA(a + (<usize>(r0 * aRs) << 2), aRs, aCs, mc, kc, packed);
      // grain is a multiple of MR, so the padded rows of a block's last tile belong to no other block
      macroKernel((mc + MR - 1) & ~(MR - 1), ncPad, kc, packed, b, c + (<usize>(r0 * ncPad) << 2), ncPad, acc);
      atomic.add<u32>(ctl, 1, DONE);
    }
    t = atomic.load<u32>(ctl, TICKET);
  }
  return t;
}

/**
 * Moves `rows` rows of `nc` floats, `ld` floats apart from `at`, to `nc` apart (in place; ld ≥ nc), so the
 * host copies a C block whose width is not a multiple of NR out in one piece instead of one per row.
 */
export function compactRows(at: usize, rows: i32, nc: i32, ld: i32): void {
  const bytes = <usize>nc << 2;
  for (let i = 1; i < rows; i++) memory.copy(at + <usize>(i * nc) * 4, at + <usize>(i * ld) * 4, bytes);
}

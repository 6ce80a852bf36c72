import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemm, type NumericArray } from './gemm.js';
import { cpuKernels, setCpuKernels } from './wasm/select.js';
import { seededRandom } from '../../testing/random-views.js';

/**
 * The float tests run once per float32 kernel: 'wasm' sends every float32 product, however small, to the
 * WebAssembly kernel; 'js' keeps all of them on the JS one (float64 and int32 take the JS paths either way).
 */
function withKernels(title: string, body: () => void): void {
  describe.each(['js', 'wasm'] as const)(`${title} (%s kernels)`, (kernels) => {
    beforeAll(async () => {
      expect(await setCpuKernels(kernels)).toBe(kernels);
    });
    afterAll(() => setCpuKernels('auto'));
    body();
  });
}

/** A strided view of a matrix inside a flat buffer: element (i, j) is data[off + i * rs + j * cs]. */
interface View {
  data: NumericArray;
  off: number;
  rs: number;
  cs: number;
}

/** Filler for buffer slots outside a view (and stale contents of C). */
const STALE = -7777;

type Layout = 'row' | 'col' | 'bcastRow' | 'bcastCol' | 'scalar' | 'padded' | 'stepped';

/**
 * Lays out `values` (rows × cols, row-major) in a new `ctor` buffer after `off` slots: row-major,
 * column-major (a transposed operand), a row or column broadcast with stride 0 (the view repeats one
 * row/column), a single broadcast element, or row-major with padded rows. The reference reads the view,
 * so whatever a broadcast layout keeps is what both sides multiply.
 */
function makeView(
  ctor: new (n: number) => NumericArray, values: number[], rows: number, cols: number, layout: Layout, off: number,
): View {
  let rs: number, cs: number, size: number;
  switch (layout) {
    case 'row': rs = cols; cs = 1; size = rows * cols; break;
    case 'col': rs = 1; cs = rows; size = rows * cols; break;
    case 'bcastRow': rs = 0; cs = 1; size = cols; break;
    case 'bcastCol': rs = 1; cs = 0; size = rows; break;
    case 'scalar': rs = 0; cs = 0; size = 1; break;
    case 'padded': rs = cols + 3; cs = 1; size = rows * (cols + 3); break;
    case 'stepped': rs = 2 * cols; cs = 2; size = rows * 2 * cols; break;
  }
  const data = new ctor(off + size + 2).fill(STALE);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[off + i * rs + j * cs] = values[i * cols + j] ?? 0;
  }
  return { data, off, rs, cs };
}

/** The reference: a plain triple loop accumulating in float64. */
function naive(M: number, N: number, K: number, a: View, b: View): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let p = 0; p < K; p++) s += a.data[a.off + i * a.rs + p * a.cs] * b.data[b.off + p * b.rs + j * b.cs];
      out[i * N + j] = s;
    }
  }
  return out;
}

/** Exact int32 reference using BigInt, reduced modulo 2^32 like int32 arithmetic. */
function naiveInt32(M: number, N: number, K: number, a: View, b: View): Int32Array {
  const out = new Int32Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0n;
      for (let p = 0; p < K; p++) {
        s += BigInt(a.data[a.off + i * a.rs + p * a.cs]) * BigInt(b.data[b.off + p * b.rs + j * b.cs]);
      }
      out[i * N + j] = Number(BigInt.asIntN(32, s));
    }
  }
  return out;
}

function run(M: number, N: number, K: number, a: View, b: View, c: View): void {
  gemm(M, N, K, a.data, a.off, a.rs, a.cs, b.data, b.off, b.rs, b.cs, c.data, c.off, c.rs, c.cs);
}

/** Reads C back as a row-major array and checks that nothing outside the view was written. */
function readC(c: View, M: number, N: number): number[] {
  const out: number[] = [];
  const touched = new Set<number>();
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const k = c.off + i * c.rs + j * c.cs;
      touched.add(k);
      out.push(c.data[k]);
    }
  }
  const clobbered: number[] = [];
  for (let k = 0; k < c.data.length; k++) if (!touched.has(k) && c.data[k] !== STALE) clobbered.push(k);
  expect(clobbered).toEqual([]);
  return out;
}

const layouts: Layout[] = ['row', 'col', 'bcastRow', 'bcastCol', 'scalar', 'padded', 'stepped'];
const dim = fc.integer({ min: 0, max: 70 });
const layout = fc.constantFrom(...layouts);
const outLayout = fc.constantFrom<Layout>('row', 'col', 'padded');
const offset = fc.integer({ min: 0, max: 5 });

withKernels('gemm against a naive float64 triple loop', () => {
  for (const [name, ctor, tol] of [
    ['float32', Float32Array, 1e-5],
    ['float64', Float64Array, 1e-12],
  ] as const) {
    it(`${name}: random shapes 0..70, strides, offsets and broadcasts`, () => {
      fc.assert(
        fc.property(dim, dim, dim, layout, layout, outLayout, offset, offset, offset, fc.integer(),
          (M, N, K, la, lb, lc, oa, ob, oc, seed) => {
            const rnd = seededRandom(seed);
            const a = makeView(ctor, randomValues(M * K, rnd), M, K, la, oa);
            const b = makeView(ctor, randomValues(K * N, rnd), K, N, lb, ob);
            const c = makeView(ctor, [], M, N, lc, oc);
            c.data.fill(STALE); // stale values in C must be overwritten, not accumulated into
            const want = naive(M, N, K, a, b);
            run(M, N, K, a, b, c);
            const got = readC(c, M, N);
            let worst = 0;
            for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
            // error bound relative to the sum of |a||b| over the dot product (≤ K for values in [-1, 1])
            expect(worst).toBeLessThanOrEqual(tol * (K + 1));
          }),
        { numRuns: 150 },
      );
    });
  }

  it('handles shapes that straddle the internal block sizes', () => {
    // K > 256 forces several K slices (C accumulated across slices); M > 64 several row blocks;
    // N > 1024 several column panels; odd sizes leave partial micro-tiles on every edge.
    for (const [M, N, K] of [[67, 5, 513], [130, 9, 257], [3, 1027, 6], [5, 4, 300]] as const) {
      const rnd = seededRandom(M * 1000 + N * 10 + K);
      for (const [la, lb] of [['row', 'row'], ['col', 'col'], ['col', 'row'], ['row', 'bcastCol']] as const) {
        const a = makeView(Float64Array, randomValues(M * K, rnd), M, K, la, 1);
        const b = makeView(Float64Array, randomValues(K * N, rnd), K, N, lb, 2);
        const c = makeView(Float64Array, [], M, N, 'row', 0);
        run(M, N, K, a, b, c);
        const want = naive(M, N, K, a, b);
        for (let k = 0; k < want.length; k++) expect(c.data[k]).toBeCloseTo(want[k], 9);
      }
    }
  });

  it('K = 0 gives zeros and M = 0 or N = 0 writes nothing', () => {
    const c = new Float32Array([5, 5, 5, 5, 5, 5]);
    gemm(2, 3, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 3, 1, c, 0, 3, 1);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    const d = new Float32Array([9, 9]);
    gemm(0, 2, 4, new Float32Array(8), 0, 4, 1, new Float32Array(8), 0, 2, 1, d, 0, 2, 1);
    gemm(2, 0, 4, new Float32Array(8), 0, 4, 1, new Float32Array(8), 0, 2, 1, d, 0, 2, 1);
    expect(Array.from(d)).toEqual([9, 9]);
    const e = new Int32Array([3, 3]);
    gemm(1, 2, 0, new Int32Array(0), 0, 0, 1, new Int32Array(0), 0, 2, 1, e, 0, 2, 1);
    expect(Array.from(e)).toEqual([0, 0]);
  });
});

withKernels('gemm hand-computed examples', () => {
  it('2×3 · 3×2', () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]);
    const b = new Float32Array([7, 8, 9, 10, 11, 12]);
    const c = new Float32Array(4);
    gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, 1);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
  });

  it('reads a transposed operand where it lies: Aᵀ·B with A stored 3×2', () => {
    const a = new Float64Array([1, 4, 2, 5, 3, 6]); // A = [[1,2,3],[4,5,6]] stored column-major
    const b = new Float64Array([7, 8, 9, 10, 11, 12]);
    const c = new Float64Array(4);
    gemm(2, 2, 3, a, 0, 1, 2, b, 0, 2, 1, c, 0, 2, 1);
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
  });

  it('writes a transposed C and honours offsets', () => {
    const a = new Float32Array([0, 1, 2, 3, 4, 5, 6]); // A = [[1,2,3],[4,5,6]] at offset 1
    const b = new Float32Array([0, 0, 7, 8, 9, 10, 11, 12]); // B at offset 2
    const c = new Float32Array(5);
    gemm(2, 2, 3, a, 1, 3, 1, b, 2, 2, 1, c, 1, 1, 2); // C stored column-major from offset 1
    expect(Array.from(c)).toEqual([0, 58, 139, 64, 154]);
  });

  it('stride-0 operands broadcast a row and a scalar', () => {
    const a = new Float32Array([1, 2]); // every row of A is [1, 2]
    const b = new Float32Array([3]); // B is all 3s
    const c = new Float32Array(6);
    gemm(3, 2, 2, a, 0, 0, 1, b, 0, 0, 0, c, 0, 2, 1);
    expect(Array.from(c)).toEqual([9, 9, 9, 9, 9, 9]);
  });

  it('vector cases: 1×K · K×1 and M×1 · 1×N', () => {
    const dot = new Float64Array(1);
    gemm(1, 1, 4, new Float64Array([1, 2, 3, 4]), 0, 4, 1, new Float64Array([5, 6, 7, 8]), 0, 1, 1, dot, 0, 1, 1);
    expect(dot[0]).toBe(70);
    const outer = new Float64Array(6);
    gemm(3, 2, 1, new Float64Array([1, 2, 3]), 0, 1, 1, new Float64Array([10, 20]), 0, 2, 1, outer, 0, 2, 1);
    expect(Array.from(outer)).toEqual([10, 20, 20, 40, 30, 60]);
  });

  it('a larger float32 product equals the exact integer result', () => {
    // small integers: every partial sum is exact in float64 and the result fits float32 exactly
    const n = 100;
    const a = new Float32Array(n * n).map((_, k) => (k % 7) - 3);
    const b = new Float32Array(n * n).map((_, k) => (k % 5) - 2);
    const c = new Float32Array(n * n);
    gemm(n, n, n, a, 0, n, 1, b, 0, n, 1, c, 0, n, 1);
    const want = naive(n, n, n, { data: a, off: 0, rs: n, cs: 1 }, { data: b, off: 0, rs: n, cs: 1 });
    expect(Array.from(c)).toEqual(Array.from(want));
  });
});

describe('float32: the Wasm kernel against the JS kernel and a float64 triple loop', () => {
  afterAll(() => setCpuKernels('auto'));

  /** C from each kernel (read row-major, after checking nothing outside C's view was written). */
  function product(kernels: 'js' | 'wasm' | 'auto', M: number, N: number, K: number, a: View, b: View, lc: Layout, oc: number): number[] {
    setCpuKernels(kernels);
    const c = makeView(Float32Array, [], M, N, lc, oc);
    c.data.fill(STALE);
    run(M, N, K, a, b, c);
    return readC(c, M, N);
  }

  /**
   * Both within the float32 summation bound of the float64 result: summing K products in float32, in any
   * order, errs by at most about K·2^-24·Σ|a||b| (Higham's γ_K), and rounding the result adds 2^-24·|Σ|. The
   * bound is per element, so a constant (broadcast) row that makes the worst case real still passes, while a
   * dropped or doubled term (≈ Σ|a||b|/K) fails.
   */
  function expectClose(M: number, N: number, K: number, a: View, b: View, lc: Layout, oc: number): void {
    const want = naive(M, N, K, a, b);
    const abs = (v: View): View => ({ ...v, data: v.data.map(Math.abs) });
    const scale = naive(M, N, K, abs(a), abs(b));
    const got = { js: product('js', M, N, K, a, b, lc, oc), wasm: product('wasm', M, N, K, a, b, lc, oc) };
    for (let k = 0; k < want.length; k++) {
      const bound = (K + 2) * 2 ** -24 * scale[k];
      const err = Math.max(Math.abs(got.wasm[k] - want[k]), Math.abs(got.js[k] - want[k]));
      // one expect per failing element only: the loop runs over every element of every case
      if (!(err <= bound)) expect({ k, wasm: got.wasm[k], js: got.js[k], want: want[k], bound }).toBeNull();
    }
  }

  it('random shapes 0..70, strides, offsets and broadcasts', () => {
    fc.assert(
      fc.property(dim, dim, dim, layout, layout, outLayout, offset, offset, offset, fc.integer(), fc.constantFrom(1, 1e-3, 1e3),
        (M, N, K, la, lb, lc, oa, ob, oc, seed, scale) => {
          const rnd = seededRandom(seed);
          const a = makeView(Float32Array, randomValues(M * K, rnd).map((x) => x * scale), M, K, la, oa);
          const b = makeView(Float32Array, randomValues(K * N, rnd), K, N, lb, ob);
          expectClose(M, N, K, a, b, lc, oc);
        }),
      { numRuns: 200 },
    );
  });

  it('shapes that straddle the Wasm block sizes (KC 256, MC 128, NC 512) and its 4×8 tile', () => {
    // several K slices (C accumulated in the kernel), several row blocks and column panels, and partial tiles
    // operands too big to copy in one piece go row by row, column by column or (stepped) element by element
    const shapes = [[131, 9, 513], [5, 1030, 7], [129, 520, 257], [70, 16, 600], [4, 8, 256], [3, 7, 1], [1, 513, 300]] as const;
    const cases = [['row', 'row', 'row'], ['col', 'col', 'col'], ['row', 'bcastCol', 'padded'], ['padded', 'col', 'row'], ['stepped', 'stepped', 'row']] as const;
    for (const [M, N, K] of shapes) {
      const rnd = seededRandom(M * 1000 + N * 10 + K);
      for (const [la, lb, lc] of cases) {
        const a = makeView(Float32Array, randomValues(M * K, rnd), M, K, la, 1);
        const b = makeView(Float32Array, randomValues(K * N, rnd), K, N, lb, 2);
        expectClose(M, N, K, a, b, lc, 3);
      }
    }
  });

  it("'auto' keeps tiny products on the JS kernel and sends larger ones to Wasm", () => {
    setCpuKernels('auto');
    expect(cpuKernels()).toBe('wasm'); // every engine the suite runs on has WebAssembly SIMD
    // the two kernels round differently, so the bits of the result tell which one ran
    for (const [n, kernels] of [[3, 'js'], [4, 'js'], [5, 'wasm'], [40, 'wasm']] as const) {
      const rnd = seededRandom(n);
      const a = makeView(Float32Array, randomValues(n * n, rnd), n, n, 'row', 0);
      const b = makeView(Float32Array, randomValues(n * n, rnd), n, n, 'col', 0);
      const js = product('js', n, n, n, a, b, 'row', 0);
      const wasm = product('wasm', n, n, n, a, b, 'row', 0);
      expect(js).not.toEqual(wasm);
      expect(product('auto', n, n, n, a, b, 'row', 0)).toEqual(kernels === 'js' ? js : wasm);
    }
  });
});

describe('gemm int32', () => {
  it('is exact and wraps like int32 arithmetic on random shapes and strides', () => {
    const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 0, max: 40 }), layout, layout, outLayout, offset, fc.array(int, { minLength: 1 }),
        (M, N, K, la, lb, lc, oa, values) => {
          const pick = (n: number) => Array.from({ length: n }, (_, k) => values[k % values.length]);
          const a = makeView(Int32Array, pick(M * K), M, K, la, oa);
          const b = makeView(Int32Array, pick(K * N).reverse(), K, N, lb, 1);
          const c = makeView(Int32Array, [], M, N, lc, 2);
          c.data.fill(STALE);
          run(M, N, K, a, b, c);
          expect(readC(c, M, N)).toEqual(Array.from(naiveInt32(M, N, K, a, b)));
        }),
      { numRuns: 150 },
    );
  });

  it('handles N wider than one internal column strip, with a transposed C', () => {
    const [M, N, K] = [3, 600, 7];
    const rnd = seededRandom(42);
    const ints = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 2 ** 32) - 2 ** 31);
    const a = makeView(Int32Array, ints(M * K), M, K, 'col', 1);
    const b = makeView(Int32Array, ints(K * N), K, N, 'col', 0);
    const c = makeView(Int32Array, [], M, N, 'col', 3);
    c.data.fill(STALE);
    run(M, N, K, a, b, c);
    expect(readC(c, M, N)).toEqual(Array.from(naiveInt32(M, N, K, a, b)));
  });

  it('wraps on overflow: (2^30)·4 + 1·1 = 1 in int32', () => {
    const a = new Int32Array([2 ** 30, 1]);
    const b = new Int32Array([4, 1]);
    const c = new Int32Array(1);
    gemm(1, 1, 2, a, 0, 2, 1, b, 0, 1, 1, c, 0, 1, 1);
    expect(c[0]).toBe(1);
  });

  it('keeps bits a float64 accumulator would lose', () => {
    // x² ≈ 4.6e18 is far past 2^53, so a float64 accumulator would round; int32 arithmetic gives
    // x² + x² − x² ≡ x² (mod 2^32) = Math.imul(x, x) = 1.
    const x = 2 ** 31 - 1;
    const a = new Int32Array([x, x, x]);
    const b = new Int32Array([x, x, -x]);
    const c = new Int32Array(1);
    gemm(1, 1, 3, a, 0, 3, 1, b, 0, 1, 1, c, 0, 1, 1);
    expect(c[0]).toBe(Math.imul(x, x));
  });
});

function randomValues(n: number, rnd: () => number): number[] {
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = rnd() * 2 - 1;
  return out;
}


import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gemm } from '../gemm.js';
import { CTL, setThreadChoice } from './gemm-wasm.js';
import { WASM_BASE64 } from './kernels.wasm.js';
import { engineForTests, setCpuKernels, unshared } from './select.js';
import { cpuThreads, MAX_THREADS, overrideSharedMemory, setCpuThreads, sharedMemoryAvailable } from './threads.js';
import { seededRandom } from '../../../testing/random-views.js';

/** A strided float32 matrix: element (i, j) at data[off + i·rs + j·cs]. */
interface View { data: Float32Array; off: number; rs: number; cs: number }
type Layout = 'row' | 'col' | 'bcastRow' | 'bcastCol' | 'padded';

function view(rows: number, cols: number, layout: Layout, rnd: () => number): View {
  const [rs, cs, size] = {
    row: [cols, 1, rows * cols], col: [1, rows, rows * cols], bcastRow: [0, 1, cols], bcastCol: [1, 0, rows],
    padded: [cols + 5, 1, rows * (cols + 5)],
  }[layout];
  const data = new Float32Array(size + 3).map(() => rnd() * 2 - 1);
  return { data, off: 3, rs, cs };
}

/** C (row-major M × N, or column-major when `colC`) for the current thread count. */
function product(M: number, N: number, K: number, a: View, b: View, colC = false): Float32Array {
  const c = new Float32Array(M * N + 2).fill(-7);
  const [rs, cs] = colC ? [1, M] : [N, 1];
  gemm(M, N, K, a.data, a.off, a.rs, a.cs, b.data, b.off, b.rs, b.cs, c, 2, rs, cs);
  expect([c[0], c[1]]).toEqual([-7, -7]); // nothing written before C
  return c;
}

/** The float64 triple loop, for a sanity check of the threaded result. */
function reference(M: number, N: number, K: number, a: View, b: View, i: number, j: number): number {
  let s = 0;
  for (let p = 0; p < K; p++) s += a.data[a.off + i * a.rs + p * a.cs] * b.data[b.off + p * b.rs + j * b.cs];
  return s;
}


const initial = cpuThreads();
const threaded = sharedMemoryAvailable(); // false in a page without cross-origin isolation

beforeAll(async () => {
  expect(await setCpuKernels('wasm')).toBe('wasm');
  // every product large enough to share is shared, so the workers are exercised whatever the timing says
  setThreadChoice('always');
});
afterAll(async () => {
  setThreadChoice('measured');
  setCpuThreads(initial);
  await setCpuKernels('auto');
});
afterEach(() => overrideSharedMemory(undefined));

describe('float32 matmul on several threads', () => {
  // Several chunks of rows (512 a chunk on 2 threads, 768 on 3), K slices and column panels, partial blocks
  // and tiles, transposed and broadcast operands, a column-major C; all large enough to use the workers.
  const cases: [number, number, number, Layout, Layout, boolean][] = [
    [517, 515, 513, 'row', 'row', false],
    [1030, 40, 260, 'col', 'row', false],
    [131, 1030, 257, 'row', 'col', true],
    [769, 72, 300, 'padded', 'bcastCol', false],
    [260, 130, 700, 'bcastRow', 'padded', true],
    [9, 2000, 600, 'row', 'row', false],
  ];

  it.each(cases)('%i×%i×%i (A %s, B %s, column-major C: %s) is bitwise the same on 1, 2 and 3 threads', (M, N, K, la, lb, colC) => {
    const rnd = seededRandom(M * 7 + N * 13 + K);
    const a = view(M, K, la, rnd);
    const b = view(K, N, lb, rnd);
    setCpuThreads(1);
    const one = product(M, N, K, a, b, colC);
    for (const t of [2, 3, 2]) {
      setCpuThreads(t);
      expect(cpuThreads()).toBe(threaded ? t : 1);
      expect(engineForTests()?.team?.helpers ?? 0).toBe(threaded ? t - 1 : 0);
      // twice: the first product may run before the workers are up, the second shares its rows with them
      for (let rep = 0; rep < 2; rep++) {
        const got = product(M, N, K, a, b, colC);
        const diff = got.findIndex((v, k) => !Object.is(v, one[k]));
        expect(diff, `first differing element on ${t} threads`).toBe(-1);
      }
    }
    for (const [i, j] of [[0, 0], [M - 1, N - 1], [M >> 1, N >> 1]]) {
      const k = 2 + (colC ? i + j * M : i * N + j);
      expect(one[k]).toBeCloseTo(reference(M, N, K, a, b, i, j), 3);
    }
  });

  it.runIf(threaded)('by default times a shape alone and on the team, then keeps to the faster: the same bits either way', () => {
    const [M, N, K] = [300, 260, 270];
    const rnd = seededRandom(3);
    const a = view(M, K, 'row', rnd);
    const b = view(K, N, 'col', rnd);
    setCpuThreads(1);
    const one = product(M, N, K, a, b);
    setCpuThreads(2);
    // products kept alone run on an unshared instance (copies into a shared memory run at half speed)
    const w = engineForTests()!;
    expect(w.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(w.solo!.memory.buffer).toBeInstanceOf(ArrayBuffer);
    expect(w.solo!.team).toBeNull();
    const soloRounds = w.solo!.gen;
    setThreadChoice('measured');
    try {
      for (let k = 0; k < 8; k++) expect(product(M, N, K, a, b)).toEqual(one);
      expect(['alone', 'team']).toContain(w.chooser.chosenFor(`${M}x${N}x${K}`));
      expect(w.solo!.gen).toBeGreaterThan(soloRounds); // the trials alone ran there
    } finally {
      setThreadChoice('always');
    }
  });

  it.runIf(threaded)('surfaces a worker that fails in the middle of a block as an exception, then recovers', () => {
    setCpuThreads(2);
    const n = 384;
    const rnd = seededRandom(5);
    const a = view(n, n, 'row', rnd);
    const b = view(n, n, 'row', rnd);
    const want = product(n, n, n, a, b);
    const w = engineForTests()!;
    Atomics.store(w.i32, (w.layout.ctl >> 2) + CTL.FAULT, 1); // the worker then traps on its next block
    let error: unknown = null;
    // the worker takes a block unless the caller takes them all first; a few products make that certain
    for (let k = 0; k < 200 && !error; k++) {
      try {
        product(n, n, n, a, b);
      } catch (e) {
        error = e;
      }
    }
    expect(String(error)).toMatch(/typegrad: a matmul worker failed: .*memory access out of bounds/);
    expect(engineForTests()).not.toBe(w); // a fresh memory and fresh workers
    expect(product(n, n, n, a, b)).toEqual(want);
  });
});

describe('setCpuThreads', () => {
  it('rejects counts that are not integers from 1 to MAX_THREADS', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, MAX_THREADS + 1, '2' as unknown as number]) {
      expect(() => setCpuThreads(bad)).toThrow(RangeError);
      expect(() => setCpuThreads(bad)).toThrow(`setCpuThreads: expected an integer from 1 to ${MAX_THREADS}, got ${String(bad)}`);
    }
    setCpuThreads(1);
    expect(cpuThreads()).toBe(1);
  });

  it('falls back to one thread on an unshared memory where shared memory is unavailable', () => {
    const rnd = seededRandom(11);
    const [M, N, K] = [300, 260, 270];
    const a = view(M, K, 'col', rnd);
    const b = view(K, N, 'row', rnd);
    setCpuThreads(2);
    const want = product(M, N, K, a, b);
    overrideSharedMemory(false);
    expect(cpuThreads()).toBe(1);
    const w = engineForTests()!;
    expect(w.team).toBeNull();
    expect(w.memory.buffer instanceof ArrayBuffer).toBe(true);
    expect(product(M, N, K, a, b)).toEqual(want);
  });

  it('the unshared module differs from the committed one only in its memory import flag', () => {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (ch) => ch.charCodeAt(0));
    const plain = unshared(bytes);
    const changed = [...bytes.keys()].filter((k) => bytes[k] !== plain[k]);
    expect(changed.map((k) => [bytes[k], plain[k]])).toEqual([[3, 1]]);
  });
});

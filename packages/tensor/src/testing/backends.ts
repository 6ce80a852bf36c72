import type { afterAll as AfterAll, beforeAll as BeforeAll, describe as Describe, expect as Expect } from 'vitest';
import { setCpuKernels } from '../backends/cpu/wasm/select.js';
import type { Device } from '../device.js';
import type { Tensor } from '../tensor.js';
import { toDevice } from '../ops/transfer.js';
import type { Nested } from '../ops/readback.js';

/** A backend the shared suites run against, or the reason it cannot run on this machine. */
export interface TestBackend {
  device: Device;
  /** Relative/absolute tolerance for float results (float32 on GPUs accumulates differently). */
  tol: number;
  /** Whether float64 tensors can be created there. */
  float64: boolean;
  /** Whether reads can be synchronous there (`dataSync`, `itemSync`). */
  syncRead: boolean;
  skipReason?: string;
  /**
   * On the CPU, the kernels the suite runs on: 'auto' (WebAssembly SIMD where the engine has it, as users get)
   * or 'js' (the plain kernels everywhere). Both CPU entries run every shared suite.
   */
  cpuKernels?: 'auto' | 'js';
}

// vitest's globals (`test.globals: true`), not an import: a package using these helpers from the built testing entry
// would otherwise reach a second copy of vitest, which cannot see the running one
function vitest(): { describe: typeof Describe; expect: typeof Expect; beforeAll: typeof BeforeAll; afterAll: typeof AfterAll } {
  const g = globalThis as unknown as { describe?: typeof Describe; expect?: typeof Expect; beforeAll?: typeof BeforeAll; afterAll?: typeof AfterAll };
  if (!g.describe || !g.expect || !g.beforeAll || !g.afterAll) {
    throw new Error("typegrad's test helpers need vitest's globals: set `test: { globals: true }` in vitest.config");
  }
  return { describe: g.describe, expect: g.expect, beforeAll: g.beforeAll, afterAll: g.afterAll };
}

// Kept on globalThis: a setup file and the test files may reach this module by different paths (source or dist).
const KEY = Symbol.for('typegrad.testBackends');
const store = globalThis as unknown as Record<symbol, TestBackend[] | undefined>;
const registered: TestBackend[] = (store[KEY] ??= [
  { device: 'cpu', tol: 1e-6, float64: true, syncRead: true, cpuKernels: 'auto' },
  { device: 'cpu', tol: 1e-6, float64: true, syncRead: true, cpuKernels: 'js' },
]);

/**
 * Adds a backend to the shared suites, or replaces the one for the same device (to change its tolerance); a CPU
 * entry without `cpuKernels` replaces both CPU entries' settings.
 */
export function addTestBackend(b: TestBackend): void {
  if (b.device === 'cpu' && b.cpuKernels === undefined) {
    for (const kernels of ['auto', 'js'] as const) addTestBackend({ ...b, cpuKernels: kernels });
    return;
  }
  const at = registered.findIndex((r) => r.device === b.device && r.cpuKernels === b.cpuKernels);
  if (at >= 0) registered[at] = b;
  else registered.push(b);
}

/**
 * Runs a block of tests once per backend, from one source. A backend that cannot start is reported as a
 * skipped suite whose name carries the reason, never silently passed.
 */
export function describeBackends(title: string, body: (b: TestBackend) => void): void {
  const { describe, beforeAll, afterAll } = vitest();
  for (const b of registered) {
    if (b.skipReason) describe.skip(`${title} [${b.device}: skipped — ${b.skipReason}]`, () => body(b));
    else if (b.cpuKernels === 'js') {
      describe(`${title} [cpu, JS kernels]`, () => {
        beforeAll(() => setCpuKernels('js'));
        afterAll(() => setCpuKernels('auto'));
        body(b);
      });
    } else describe(`${title} [${b.device}]`, () => body(b));
  }
}

/** Asserts shape and values (nested arrays), floats within `tol` relative-or-absolute. */
export async function expectValues(t: Tensor, expected: Nested, tol = 1e-6): Promise<void> {
  const actual = await t.toArray();
  vitest().expect(flatShape(actual)).toEqual(flatShape(expected));
  const a = flat(actual);
  const e = flat(expected);
  for (let i = 0; i < e.length; i++) {
    const x = a[i];
    const y = e[i];
    if (typeof y === 'boolean' || typeof x === 'boolean') {
      vitest().expect(x, `element ${i}`).toBe(y);
    } else if (Number.isNaN(y)) {
      vitest().expect(Number.isNaN(x), `element ${i}: expected NaN, got ${x}`).toBe(true);
    } else if (!Number.isFinite(y)) {
      vitest().expect(x, `element ${i}`).toBe(y);
    } else {
      const err = Math.abs((x as number) - y);
      if (!(err <= tol * Math.max(1, Math.abs(y)))) vitest().expect(x, `element ${i} (tolerance ${tol})`).toBe(y);
    }
  }
}

function flat(n: Nested): (number | boolean)[] {
  return Array.isArray(n) ? n.flatMap(flat) : [n];
}

function flatShape(n: Nested): number[] {
  const s: number[] = [];
  let cur: Nested = n;
  while (Array.isArray(cur)) {
    s.push(cur.length);
    cur = cur[0] as Nested;
    if (cur === undefined) break;
  }
  return s;
}

/**
 * Runs a block only on the WebGPU test backend (checks of what is particular to a GPU: pooled buffers, dispatch
 * counts, async-only reads). Reported as skipped, with the reason, when WebGPU cannot start here.
 */
export function describeWebGPU(title: string, body: (b: TestBackend) => void): void {
  const b = registered.find((r) => r.device === 'webgpu') ?? { device: 'webgpu', tol: 0, float64: false, syncRead: false, skipReason: 'WebGPU: not set up by this test run' };
  if (b.skipReason) vitest().describe.skip(`${title} [webgpu: skipped — ${b.skipReason}]`, () => body(b));
  else vitest().describe(`${title} [webgpu]`, () => body(b));
}

/** A tensor's values in row-major order, read asynchronously (so on any device). */
export async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.contiguous().data(), Number);
}

/** The values of `t` on the CPU (a copy when it lives elsewhere). */
export async function onCpu(t: Tensor): Promise<Tensor> {
  return t.device === 'cpu' ? t : toDevice(t, 'cpu');
}

/**
 * Asserts shape and values against a fixture's flat values: |actual − expected| ≤ atol + rtol·|expected| for
 * every element; NaN matches NaN and the infinities match themselves.
 */
export async function expectClose(
  actual: Tensor | null | undefined,
  expected: { shape: readonly number[]; values: readonly (number | string | boolean)[] },
  what: string,
  rtol = 1e-5,
  atol = 1e-6,
): Promise<void> {
  vitest().expect(actual, `${what}: missing`).toBeTruthy();
  vitest().expect(actual!.shape, `${what}: shape`).toEqual([...expected.shape]);
  const a = await values(actual!);
  const bad: string[] = [];
  expected.values.forEach((v, i) => {
    const e = Number(v);
    const ok = Number.isNaN(e) ? Number.isNaN(a[i]) : a[i] === e || Math.abs(a[i] - e) <= atol + rtol * Math.abs(e);
    if (!ok) bad.push(`[${i}] ${a[i]} ≠ ${e}`);
  });
  vitest().expect(bad, `${what}: ${bad.length} of ${expected.values.length} elements differ`).toEqual([]);
}

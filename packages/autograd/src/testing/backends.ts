/**
 * Test helpers shared by the autograd, nn and optim suites: one test source runs once per backend, as the tensor
 * package's suite does. CPU always; WebGPU when the Node setup (setup-node.ts) found an adapter, otherwise a
 * skipped suite whose name carries the reason.
 */
import { describe, expect } from 'vitest';
import { toDevice, type Device, type Tensor } from '@typegrad/tensor';

/** A backend the suites run against, or the reason it cannot run on this machine. */
export interface TestBackend {
  device: Device;
  /** Relative-or-absolute tolerance for float32 results compared with PyTorch's (a GPU accumulates differently). */
  tol: number;
  /** Whether a read can be synchronous there (`dataSync`, `itemSync`). */
  syncRead: boolean;
  skipReason?: string;
}

// Kept on globalThis: the setup file and the test files of a package may reach this module by different paths.
const KEY = Symbol.for('typegrad.testBackends');
const store = globalThis as unknown as Record<symbol, TestBackend[] | undefined>;
const registered: TestBackend[] = (store[KEY] ??= [{ device: 'cpu', tol: 1e-5, syncRead: true }]);

/** Adds a backend to the suites (the Node setup calls this with WebGPU, or with the reason it cannot start). */
export function addTestBackend(b: TestBackend): void {
  if (!registered.some((r) => r.device === b.device)) registered.push(b);
}

/**
 * Runs a block of tests once per backend, from one source. A backend that cannot start is reported as a skipped
 * suite whose name carries the reason, never silently passed.
 */
export function describeBackends(title: string, body: (b: TestBackend) => void): void {
  for (const b of registered) {
    if (b.skipReason) describe.skip(`${title} [${b.device}: skipped — ${b.skipReason}]`, () => body(b));
    else describe(`${title} [${b.device}]`, () => body(b));
  }
}

/** Runs a block only on WebGPU (what is particular to a GPU); skipped with the reason when it cannot start. */
export function describeWebGPU(title: string, body: (b: TestBackend) => void): void {
  const b = registered.find((r) => r.device === 'webgpu') ?? { device: 'webgpu', tol: 0, syncRead: false, skipReason: 'WebGPU: not set up by this test run' };
  if (b.skipReason) describe.skip(`${title} [webgpu: skipped — ${b.skipReason}]`, () => body(b));
  else describe(`${title} [webgpu]`, () => body(b));
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
 * Asserts shape and values: |actual − expected| ≤ atol + rtol·|expected| for every element; NaN matches NaN and
 * the infinities match themselves.
 */
export async function expectClose(actual: Tensor | null | undefined, expected: { shape: readonly number[]; values: readonly (number | string | boolean)[] }, what: string, rtol = 1e-5, atol = 1e-6): Promise<void> {
  expect(actual, `${what}: missing`).toBeTruthy();
  expect(actual!.shape, `${what}: shape`).toEqual([...expected.shape]);
  const a = await values(actual!);
  const bad: string[] = [];
  expected.values.forEach((v, i) => {
    const e = Number(v);
    const ok = Number.isNaN(e) ? Number.isNaN(a[i]) : a[i] === e || Math.abs(a[i] - e) <= atol + rtol * Math.abs(e);
    if (!ok) bad.push(`[${i}] ${a[i]} ≠ ${e}`);
  });
  expect(bad, `${what}: ${bad.length} of ${expected.values.length} elements differ`).toEqual([]);
}

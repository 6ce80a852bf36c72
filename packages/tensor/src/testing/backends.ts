import { describe, expect } from 'vitest';
import type { Device } from '../device.js';
import type { Tensor } from '../tensor.js';
import type { Nested } from '../ops/readback.js';

/** A backend the shared suite runs against, or the reason it cannot run on this machine. */
export interface TestBackend {
  device: Device;
  /** Relative/absolute tolerance for float results (float32 on GPUs accumulates differently). */
  tol: number;
  /** Whether float64 tensors can be created there. */
  float64: boolean;
  skipReason?: string;
}

const registered: TestBackend[] = [{ device: 'cpu', tol: 1e-6, float64: true }];

/** Adds a backend to the shared suite (the WebGPU test setup calls this when an adapter is found). */
export function addTestBackend(b: TestBackend): void {
  registered.push(b);
}

/**
 * Runs a block of tests once per backend, from one source. A backend that cannot start is reported as a
 * skipped suite whose name carries the reason, never silently passed.
 */
export function describeBackends(title: string, body: (b: TestBackend) => void): void {
  for (const b of registered) {
    if (b.skipReason) describe.skip(`${title} [${b.device}: skipped — ${b.skipReason}]`, () => body(b));
    else describe(`${title} [${b.device}]`, () => body(b));
  }
}

/** Asserts shape and values (nested arrays), floats within `tol` relative-or-absolute. */
export async function expectValues(t: Tensor, expected: Nested, tol = 1e-6): Promise<void> {
  const actual = await t.toArray();
  expect(flatShape(actual)).toEqual(flatShape(expected));
  const a = flat(actual);
  const e = flat(expected);
  for (let i = 0; i < e.length; i++) {
    const x = a[i];
    const y = e[i];
    if (typeof y === 'boolean' || typeof x === 'boolean') {
      expect(x, `element ${i}`).toBe(y);
    } else if (Number.isNaN(y)) {
      expect(Number.isNaN(x), `element ${i}: expected NaN, got ${x}`).toBe(true);
    } else if (!Number.isFinite(y)) {
      expect(x, `element ${i}`).toBe(y);
    } else {
      const err = Math.abs((x as number) - y);
      if (!(err <= tol * Math.max(1, Math.abs(y)))) expect(x, `element ${i} (tolerance ${tol})`).toBe(y);
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
  const b = registered.find((r) => r.device === 'webgpu') ?? { device: 'webgpu', tol: 0, float64: false, skipReason: 'WebGPU: not set up by this test run' };
  if (b.skipReason) describe.skip(`${title} [webgpu: skipped — ${b.skipReason}]`, () => body(b));
  else describe(`${title} [webgpu]`, () => body(b));
}

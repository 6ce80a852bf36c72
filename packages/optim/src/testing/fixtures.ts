// Helpers shared by the tests: reading fixtures written by fixtures/make_optim_fixtures.py, and comparing values.
import { readFileSync } from 'node:fs';
import type { Tensor } from '@typegrad/tensor';

/** Nested arrays of numbers, as the fixtures store tensors. */
export type Nested = number | Nested[];

/** Parses fixtures/<name>. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** The numbers of a nested array (or a tensor's values) in row-major order. */
export function flat(value: Nested | Tensor): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return (value as Nested[]).flat(Infinity as 1) as number[];
  return Array.from(value.dataSync());
}

/** The largest absolute difference between two equally long lists of values. */
export function maxAbsDiff(a: Nested | Tensor, b: Nested | Tensor): number {
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) throw new Error(`maxAbsDiff: ${x.length} values vs ${y.length}`);
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
}

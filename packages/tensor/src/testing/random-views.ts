import fc from 'fast-check';
import { tensor, type DType, type Tensor, type Device } from '../index.js';

/** How a test tensor is laid out in memory: its logical values are the same whatever the layout. */
export type Layout = 'contiguous' | 'transposed' | 'strided' | 'offset';

/** A recipe for one input: its shape, dtype, layout and the seed of its values. */
export interface InputSpec {
  shape: number[];
  dtype: DType;
  layout: Layout;
  seed: number;
}

const SPECIAL = [0, 1, -1, 0.5, 2, NaN, Infinity, -Infinity];

/** Deterministic values for a spec: floats in [-4, 4] with a sprinkling of specials; small ints; bools. */
export function valuesOf(spec: InputSpec, count: number, specials = true): number[] {
  let s = spec.seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    if (spec.dtype === 'bool') return next() < 0.5 ? 0 : 1;
    if (spec.dtype === 'int32') return Math.floor(next() * 11) - 5;
    if (specials && next() < 0.08) return SPECIAL[Math.floor(next() * SPECIAL.length)];
    return Math.fround(next() * 8 - 4);
  });
}

/**
 * A tensor with the spec's logical values, laid out as asked: transposed memory read through permuted strides,
 * every other element of a wider buffer, or starting one row into a taller one (an offset that is not 16-byte
 * aligned). Built the same way on every device, so the kernels see the same strides.
 */
export function makeInput(spec: InputSpec, values: readonly number[], device: Device): Tensor {
  const { shape, dtype } = spec;
  const nd = shape.length;
  const base = tensor(values as number[], { dtype, shape });
  if (spec.layout === 'transposed' && nd >= 2) {
    const rev = shape.map((_, i) => nd - 1 - i);
    const data = base.permute(rev).contiguous();
    return tensor(data.dataSync(), { dtype, shape: data.shape, device }).permute(rev);
  }
  if (spec.layout === 'strided' && nd >= 1) {
    const wide = [...shape.slice(0, -1), shape[nd - 1] * 2];
    const data = new Array<number>(wide.reduce((a, b) => a * b, 1)).fill(0);
    values.forEach((v, i) => (data[i * 2] = v));
    return tensor(data, { dtype, shape: wide, device }).slice(nd - 1, 0, null, 2);
  }
  if (spec.layout === 'offset' && nd >= 1) {
    const rowLen = shape.slice(1).reduce((a, b) => a * b, 1);
    const data = [...new Array<number>(rowLen).fill(0), ...values];
    return tensor(data, { dtype, shape: [shape[0] + 1, ...shape.slice(1)], device }).slice(0, 1);
  }
  return tensor(values as number[], { dtype, shape, device });
}

/** A shape of up to `maxDims` dims; sizes favour small values and multiples of 4 (the vectorised kernels). */
export const shapeArb = (maxDims = 4, maxSize = 9) =>
  fc.array(fc.oneof(fc.integer({ min: 1, max: maxSize }), fc.constant(4), fc.constant(8)), { minLength: 0, maxLength: maxDims });

/** A layout, contiguous twice as often as each other one. */
export const layoutArb = fc.constantFrom<Layout>('contiguous', 'contiguous', 'transposed', 'strided', 'offset');

/** A shape that broadcasts to `shape`: some leading dims dropped, some sizes set to 1. */
export const broadcastArb = (shape: readonly number[]) =>
  fc.tuple(fc.integer({ min: 0, max: shape.length }), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length })).map(([drop, ones]) =>
    shape.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)),
  );

/** Compares a device result with the CPU's: same shape, NaN where it has NaN, values within `tol` (relative above 1). */
export async function expectClose(got: Tensor, want: Tensor, tol: number, what: string): Promise<void> {
  const g = await got.data();
  const w = await want.data();
  if (got.dtype !== want.dtype) throw new Error(`${what}: dtype ${got.dtype}, expected ${want.dtype}`);
  if (got.shape.join() !== want.shape.join()) throw new Error(`${what}: shape [${got.shape}], expected [${want.shape}]`);
  for (let i = 0; i < w.length; i++) {
    const a = g[i];
    const b = w[i];
    if (Number.isNaN(b) ? Number.isNaN(a) : a === b || Math.abs(a - b) <= tol * Math.max(1, Math.abs(b))) continue;
    throw new Error(`${what}: element ${i} is ${a}, the CPU gives ${b} (tolerance ${tol})`);
  }
}

/** A small seeded generator of uniform numbers in [0, 1) (mulberry32), so a property test's case is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

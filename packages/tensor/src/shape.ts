/** Shape arithmetic shared by every op: strides, broadcasting, dim normalisation. */
import { describeValue } from './describe.js';

/** A tensor's size along each dimension, outermost first (`[]` for a 0-d tensor). @example const s: Shape = [2, 3]; */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a 0-d shape). */
export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** True when a view with these strides walks its elements in row-major order with no gaps. */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Formats a shape the way error messages show it: `[3,4]`. */
export function fmtShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/**
 * Maps a possibly negative dim into `0..ndim-1`, or throws naming the op: a TypeError for a dim that is not an
 * integer (1.5 is no dim, so "out of range" would mislead), a RangeError for one outside the tensor's dims.
 */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  if (!Number.isInteger(dim)) throw new TypeError(`${op}: argument 'dim' must be an integer, not ${describeValue(dim)}`);
  const lo = -Math.max(ndim, 1);
  const hi = Math.max(ndim, 1) - 1;
  if (dim < lo || dim > hi) {
    throw new RangeError(`${op}: dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalises a list of dims (or all dims when undefined), rejecting repeats. Sorted ascending. */
export function normalizeDims(op: string, dims: number | readonly number[] | undefined, ndim: number): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(op, d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new Error(`${op}: dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return ndim === 0 ? [] : out.sort((a, b) => a - b);
}

/**
 * The broadcast shape of several shapes, by NumPy/PyTorch rules (align right; sizes equal or one of them 1).
 * @throws naming the op and the shapes when they do not broadcast.
 */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  // plain loops: every elementwise op calls this, and spreads and closures here cost ~5% of a small training step
  let ndim = 0;
  for (let k = 0; k < shapes.length; k++) if (shapes[k].length > ndim) ndim = shapes[k].length;
  const out: number[] = [];
  for (let i = 0; i < ndim; i++) out.push(1);
  for (let k = 0; k < shapes.length; k++) {
    const s = shapes[k];
    for (let i = 0; i < s.length; i++) {
      const o = ndim - s.length + i;
      const d = s[i];
      if (out[o] === 1) out[o] = d;
      else if (d !== 1 && d !== out[o]) {
        throw new Error(
          `${op}: shapes ${shapes.map(fmtShape).join(' and ')} cannot be broadcast together ` +
            `(size ${out[o]} vs ${d} at dim ${o - ndim})`,
        );
      }
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had `target` shape (stride 0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : strides[i];
  }
  return out;
}

/** Validates a user-given shape: non-negative integers, at most one -1 to infer (when `numelForInfer` is given). */
export function checkShape(op: string, shape: readonly number[], numelForInfer?: number): number[] {
  let infer = -1;
  let known = 1;
  shape.forEach((d, i) => {
    if (d === -1 && numelForInfer !== undefined) {
      if (infer >= 0) throw new Error(`${op}: only one dimension can be inferred (-1) in ${fmtShape(shape)}`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: invalid size ${d} at dim ${i} of ${fmtShape(shape)} (sizes must be non-negative integers)`);
    } else known *= d;
  });
  const out = [...shape];
  if (infer >= 0) {
    if (known === 0 || numelForInfer! % known !== 0) {
      throw new Error(`${op}: shape ${fmtShape(shape)} is invalid for input of size ${numelForInfer}`);
    }
    out[infer] = numelForInfer! / known;
  }
  return out;
}

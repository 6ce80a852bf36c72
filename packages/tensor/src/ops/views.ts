import { checkShape, fmtShape, isContiguous, normalizeDim, normalizeDims, numel, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { empty, restride, viewOf } from './core.js';
import { record } from './record.js';
import { checkUsable } from '../released.js';
import { describeValue } from '../describe.js';

/**
 * Strides that let a tensor of (shape, strides) be read as `newShape` without a copy, or null when some new
 * dim would span memory that is not evenly strided. Walks both shapes in chunks of equal element count;
 * within each chunk of the old shape the dims must be contiguous relative to each other.
 */
export function viewStrides(shape: Shape, strides: readonly number[], newShape: Shape): number[] | null {
  if (numel(shape) === 0 || shape.length === 0) {
    return contiguousLike(newShape);
  }
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    // a chunk ends where the old dims stop being contiguous with the one before
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

function contiguousLike(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return s;
}

/** A contiguous copy of x (recorded), or x itself when already contiguous. */
export function contiguous(x: Tensor): Tensor {
  if (isContiguous(x.shape, x.strides)) return x;
  return copyOf(x);
}

/** Always a fresh contiguous copy (recorded as `clone`). */
export function copyOf(x: Tensor): Tensor {
  const backend = x.storage.backend;
  const out = empty(backend, x.dtype, x.shape, 'any', 'clone');
  backend.copy(viewOf(out), viewOf(x));
  return record('clone', [x], out);
}

/** A view with a new shape; fails (never copies) when the strides do not allow it. One dim may be -1. */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = checkShape('view', shape, x.numel);
  if (numel(target) !== x.numel) throw new Error(`view: shape ${fmtShape(shape)} is invalid for input of size ${x.numel}`);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw new Error(
      'view: view size is not compatible with input tensor\'s size and stride (at least one dimension spans across ' +
        `two contiguous subspaces); input ${fmtShape(x.shape)} with strides ${fmtShape(x.strides)}, target ${fmtShape(target)}. Use .reshape(...) instead.`,
    );
  }
  return record('reshape', [x], restride('view', x, target, strides), { inputShape: x.shape });
}

/** A view with a new shape when the layout allows, else a contiguous copy. One dim may be -1. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = checkShape('reshape', shape, x.numel);
  if (numel(target) !== x.numel) throw new Error(`reshape: shape ${fmtShape(shape)} is invalid for input of size ${x.numel}`);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides !== null) return record('reshape', [x], restride('reshape', x, target, strides), { inputShape: x.shape });
  return view(copyOf(x), target);
}

/** Reorders dims; `dims` must be a permutation of 0..ndim-1 (negative allowed). */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new Error(`permute: number of dims don't match: input has ${x.ndim} dims but ${dims.length} were given (${fmtShape(dims)})`);
  }
  const norm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(norm).size !== norm.length) throw new Error(`permute: repeated dim in ${fmtShape(dims)}`);
  const out = restride('permute', x, norm.map((d) => x.shape[d]), norm.map((d) => x.strides[d]));
  return record('permute', [x], out, { dims: norm });
}

/** Swaps two dims (a view). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkUsable('transpose', x);
  if (x.ndim === 0) return x;
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  const perm = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, perm);
}

/**
 * Broadcasts to a larger shape as a view (stride 0): size-1 dims stretch, new leading dims are added,
 * -1 keeps a size.
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new Error(`expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  }
  const lead = shape.length - x.ndim;
  const outShape: number[] = [];
  const outStrides: number[] = [];
  shape.forEach((size, i) => {
    if (!Number.isInteger(size)) throw new TypeError(`expand: sizes must be integers, but size ${describeValue(size)} at dim ${i} is not (${fmtShape(shape)})`);
    if (size < -1) throw new RangeError(`expand: invalid size ${size} at dim ${i} of ${fmtShape(shape)} (sizes must be non-negative, or -1 to keep a dim's size)`);
    const d = i - lead;
    const cur = d >= 0 ? x.shape[d] : 1;
    const target = size === -1 ? cur : size;
    if (size === -1 && d < 0) throw new Error(`expand: -1 is not allowed in a leading, non-existing dimension (dim ${i})`);
    if (cur !== 1 && target !== cur) {
      throw new Error(
        `expand: the expanded size of the tensor (${target}) must match the existing size (${cur}) at non-singleton ` +
          `dimension ${i}. Target sizes: ${fmtShape(shape)}. Tensor sizes: ${fmtShape(x.shape)}`,
      );
    }
    outShape.push(target);
    outStrides.push(d >= 0 && cur === target ? x.strides[d] : 0);
  });
  return record('expand', [x], restride('expand', x, outShape, outStrides), { inputShape: x.shape });
}

/** Elements `start, start+step, …` below `end` along `dim` (Python slice rules: negatives count from the end, bounds clamp). */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const d = normalizeDim('slice', dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice: step must be a positive integer, got ${step}`);
  for (const [name, v] of [['start', start], ['end', end]] as const) {
    if (v != null && !Number.isInteger(v)) throw new TypeError(`slice: slice indices must be integers or null, but ${name} is ${describeValue(v)}`);
  }
  const size = x.shape[d];
  const clampIdx = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const s = clampIdx(start ?? 0);
  const e = Math.max(clampIdx(end ?? size), s);
  const len = Math.ceil((e - s) / step);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[d] = len;
  strides[d] = x.strides[d] * step;
  const out = restride('slice', x, shape, strides, x.offset + (len > 0 ? s * x.strides[d] : 0));
  return record('slice', [x], out, { dim: d, start: s, step, inputShape: x.shape });
}

/** `length` elements from `start` along `dim` (a view); out-of-range requests are errors, unlike slice. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkUsable('narrow', x);
  const d = normalizeDim('narrow', dim, x.ndim);
  integerArg('narrow', 'start', start);
  integerArg('narrow', 'length', length);
  const size = x.shape[d];
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || s < 0 || s > size) {
    throw new RangeError(`narrow: start (${start}) is out of bounds for dimension ${d} with size ${size}`);
  }
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start (${s}) + length (${length}) exceeds dimension size (${size}) of dim ${d}`);
  }
  return slice(x, d, s, s + length);
}

/** The sub-tensor at `index` along `dim`, with that dim removed (a view). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkUsable('select', x);
  const d = normalizeDim('select', dim, x.ndim);
  integerArg('select', 'index', index);
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`select: index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  return squeeze(narrow(x, d, index < 0 ? index + size : index, 1), d);
}

/** Removes size-1 dims (all of them, or just those listed; listed dims of other sizes are left alone, as PyTorch). */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = dim === undefined ? x.shape.map((_, i) => i) : normalizeDims('squeeze', dim, x.ndim);
  const drop = new Set(dims.filter((d) => x.shape[d] === 1));
  if (drop.size === 0) return x;
  const keep = (_: number, i: number) => !drop.has(i);
  return reshapeView('squeeze', x, x.shape.filter(keep), x.strides.filter(keep));
}

/** Inserts a size-1 dim at `dim` (which may be ndim, or negative counting from ndim+1). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x.strides[d] * x.shape[d] : 1);
  return reshapeView('unsqueeze', x, shape, strides);
}

/** Merges dims startDim..endDim into one (a view when possible). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim);
  const e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e) throw new Error(`flatten: start_dim (${s}) cannot come after end_dim (${e})`);
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Splits dim into `sizes` (one may be -1). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim('unflatten', dim, x.ndim);
  const inner = checkShape('unflatten', sizes, x.shape[d]);
  if (numel(inner) !== x.shape[d]) {
    throw new Error(`unflatten: provided sizes ${fmtShape(sizes)} don't multiply up to the size of dim ${d} (${x.shape[d]}) in the input tensor`);
  }
  return reshape(x, [...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]);
}

/** Throws PyTorch's TypeError for an argument that must be an integer (1.5 is no position, so "out of range" would mislead). */
function integerArg(op: string, name: string, v: number): void {
  if (!Number.isInteger(v)) throw new TypeError(`${op}: argument '${name}' must be an integer, not ${describeValue(v)}`);
}

/** A view with given geometry recorded as a reshape (for ops that only add or drop size-1 dims). */
function reshapeView(op: string, x: Tensor, shape: number[], strides: number[]): Tensor {
  return record('reshape', [x], restride(op, x, shape, strides), { inputShape: x.shape });
}

import { promoteTypes, type DType } from '../dtype.js';
import { fmtShape, normalizeDim } from '../shape.js';
import { Tensor } from '../tensor.js';
import { toElement } from '../convert.js';
import { describeValue } from '../describe.js';
import { asTensor, cast, deviceOf, empty, fromArray, viewOf, type TensorLike } from './core.js';
import { elementwise } from './elementwise.js';
import { record } from './record.js';
import { expand, reshape, slice, unsqueeze } from './views.js';

function requireIndex(op: string, index: Tensor): void {
  if (index.dtype !== 'int32') throw new TypeError(`${op}: expected index to be an int32 tensor, but got ${index.dtype}`);
}

/** torch.gather: out[…i…] = x[…index[…i…]…] along `dim`; index has x's ndim and no larger sizes off `dim`. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex('gather', index);
  deviceOf('gather', [x, index]);
  const d = normalizeDim('gather', dim, x.ndim);
  if (index.ndim !== x.ndim) {
    throw new Error(`gather: index tensor must have the same number of dimensions as input tensor (${index.ndim} vs ${x.ndim})`);
  }
  index.shape.forEach((s, i) => {
    if (i !== d && s > x.shape[i]) {
      throw new Error(`gather: size of index ${fmtShape(index.shape)} does not match input ${fmtShape(x.shape)} at dim ${i} (index sizes must not exceed input sizes except at dim ${d})`);
    }
  });
  const backend = x.storage.backend;
  const out = empty(backend, x.dtype, index.shape, 'any', 'gather');
  if (out.numel > 0) backend.gather(viewOf(out), viewOf(x), d, viewOf(index));
  return record('gather', [x], out, { dim: d, index, inputShape: x.shape });
}

/** Rows (or slices along `dim`) picked by a 1-D or 0-d int32 index: `x.indexSelect(0, idx)`. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  requireIndex('indexSelect', index);
  deviceOf('indexSelect', [x, index]);
  if (index.ndim > 1) throw new Error(`indexSelect: index must be 0-d or 1-d, got shape ${fmtShape(index.shape)}`);
  const d = normalizeDim('indexSelect', dim, x.ndim);
  const len = index.numel;
  const outShape = x.shape.map((s, i) => (i === d ? len : s));
  const backend = x.storage.backend;
  const out = empty(backend, x.dtype, outShape, 'any', 'indexSelect');
  if (out.numel > 0) {
    const idx = expand(reshape(index, outShape.map((s, i) => (i === d ? len : 1))), outShape);
    backend.gather(viewOf(out), viewOf(x), d, viewOf(idx));
  }
  return record('indexSelect', [x], out, { dim: d, index: index.reshape([len]), inputShape: x.shape });
}

/** Out-of-place scatter-add: a copy of x with src added at index positions along dim (repeats accumulate). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireIndex('scatterAdd', index);
  const backend = deviceOf('scatterAdd', [x, index, src]);
  const d = normalizeDim('scatterAdd', dim, x.ndim);
  if (index.ndim !== x.ndim || src.ndim !== x.ndim) {
    throw new Error(`scatterAdd: index ${fmtShape(index.shape)}, src ${fmtShape(src.shape)} and self ${fmtShape(x.shape)} must have the same number of dimensions`);
  }
  index.shape.forEach((s, i) => {
    if (s > src.shape[i] || (i !== d && s > x.shape[i])) {
      throw new Error(`scatterAdd: index ${fmtShape(index.shape)} is larger than src ${fmtShape(src.shape)} or self ${fmtShape(x.shape)} at dim ${i}`);
    }
  });
  const out = empty(backend, x.dtype, x.shape, 'any', 'scatterAdd');
  backend.copy(viewOf(out), viewOf(x));
  if (index.numel > 0) backend.scatterAdd(viewOf(out), d, viewOf(index), viewOf(cast(src, x.dtype)));
  return record('scatterAdd', [x, src], out, { dim: d, index });
}

/** Adds the slices of `src` into x at positions `index` along `dim` (out of place; repeats accumulate). */
export function indexAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireIndex('indexAdd', index);
  const backend = deviceOf('indexAdd', [x, index, src]);
  const d = normalizeDim('indexAdd', dim, x.ndim);
  if (index.ndim > 1) throw new Error(`indexAdd: index must be 0-d or 1-d, got shape ${fmtShape(index.shape)}`);
  const expected = x.shape.map((s, i) => (i === d ? index.numel : s));
  if (src.ndim !== x.ndim || src.shape.some((s, i) => s !== expected[i])) {
    throw new Error(`indexAdd: source shape ${fmtShape(src.shape)} must be ${fmtShape(expected)} (self ${fmtShape(x.shape)} with dim ${d} of the index's length)`);
  }
  const out = empty(backend, x.dtype, x.shape, 'any', 'indexAdd');
  backend.copy(viewOf(out), viewOf(x));
  if (src.numel > 0) {
    const idx = expand(reshape(index, expected.map((s, i) => (i === d ? s : 1))), expected);
    backend.scatterAdd(viewOf(out), d, viewOf(idx), viewOf(cast(src, x.dtype)));
  }
  return record('indexAdd', [x, src], out, { dim: d, index: index.reshape([index.numel]) });
}

/** x with `value` where mask is true (mask broadcasts to x). Keeps x's dtype. */
export function maskedFill(x: Tensor, mask: Tensor, value: TensorLike): Tensor {
  if (mask.dtype !== 'bool') throw new TypeError(`maskedFill: expected mask to be a bool tensor, but got ${mask.dtype}`);
  const v = asTensor(value instanceof Tensor ? value : toElement('maskedFill', value, x.dtype), x.dtype, x.storage.backend);
  return elementwise('where', [mask, cast(v, x.dtype), x]);
}

/** Joins tensors along an existing dim; all sizes but `dim` must match. Dtypes promote. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('cat: expected a non-empty list of tensors');
  const backend = deviceOf('cat', tensors);
  // PyTorch skips 1-d empty tensors, a legacy convenience for building lists
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0));
  const ref = parts[0] ?? tensors[0];
  if (ref.ndim === 0) throw new Error('cat: zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normalizeDim('cat', dim, ref.ndim);
  let dtype: DType = tensors[0].dtype;
  for (const t of tensors) dtype = promoteTypes(dtype, t.dtype);
  let total = 0;
  parts.forEach((t) => {
    if (t.ndim !== ref.ndim) throw new Error(`cat: tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    t.shape.forEach((s, i) => {
      if (i !== d && s !== ref.shape[i]) {
        throw new Error(`cat: sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[i]} but got size ${s} for tensor number ${tensors.indexOf(t)} in the list.`);
      }
    });
    total += t.shape[d];
  });
  const out = empty(backend, dtype, ref.shape.map((s, i) => (i === d ? total : s)), 'any', 'cat');
  let at = 0;
  for (const t of parts) {
    backend.copy(viewOf(slice(out, d, at, at + t.shape[d])), viewOf(t));
    at += t.shape[d];
  }
  return record('cat', parts, out, { dim: d, sizes: parts.map((t) => t.shape[d]) });
}

/** Joins same-shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: expected a non-empty list of tensors');
  const shape = tensors[0].shape;
  tensors.forEach((t, k) => {
    if (t.ndim !== shape.length || t.shape.some((s, i) => s !== shape[i])) {
      throw new Error(`stack: expects each tensor to be equal size, but got ${fmtShape(shape)} at entry 0 and ${fmtShape(t.shape)} at entry ${k}`);
    }
  });
  const d = normalizeDim('stack', dim, shape.length + 1);
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}

/** Views of consecutive pieces along dim: of `size` each (the last may be smaller), or of the listed sizes. */
export function split(x: Tensor, sizes: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim('split', dim, x.ndim);
  const n = x.shape[d];
  let list: number[];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes <= 0) throw new RangeError(`split: split size must be a positive integer, got ${sizes}`);
    list = [];
    for (let at = 0; at < n; at += sizes) list.push(Math.min(sizes, n - at));
    if (list.length === 0) list.push(0);
  } else {
    list = [...sizes];
    const total = list.reduce((a, b) => a + b, 0);
    if (total !== n) throw new Error(`split: split sizes ${fmtShape(list)} sum to ${total}, but dim ${d} has size ${n}`);
  }
  let at = 0;
  return list.map((s) => {
    const part = slice(x, d, at, at + s);
    at += s;
    return part;
  });
}

/** `chunks` nearly equal views along dim (the last may be smaller; fewer when the dim is short), as PyTorch. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk: number of chunks must be a positive integer, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[d] / chunks)), d);
}

/** A bool mask over the last two dims of a [rows, cols] matrix: col − row ≤ k (lower) or ≥ k (upper). */
function triangleMask(x: Tensor, k: number, lower: boolean): Tensor {
  const op = lower ? 'tril' : 'triu';
  if (!Number.isInteger(k)) throw new TypeError(`${op}: argument 'diagonal' must be an integer, not ${describeValue(k)}`);
  if (x.ndim < 2) throw new Error(`${op}: input tensor must have at least 2 dimensions, got shape ${fmtShape(x.shape)}`);
  const rows = x.shape[x.ndim - 2];
  const cols = x.shape[x.ndim - 1];
  const mask = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mask[r * cols + c] = (lower ? c - r <= k : c - r >= k) ? 1 : 0;
  return fromArray(x.storage.backend, 'bool', [rows, cols], mask);
}

/** Lower triangle of the last two dims (elements with col − row ≤ k), zeros elsewhere. */
export function tril(x: Tensor, k = 0): Tensor {
  return elementwise('where', [triangleMask(x, k, true), x, asTensor(0, x.dtype, x.storage.backend)]);
}

/** Upper triangle of the last two dims (elements with col − row ≥ k), zeros elsewhere. */
export function triu(x: Tensor, k = 0): Tensor {
  return elementwise('where', [triangleMask(x, k, false), x, asTensor(0, x.dtype, x.storage.backend)]);
}

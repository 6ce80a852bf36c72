import { fmtShape, broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { fromArray } from './core.js';
import { elementwise } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { arange } from './creation.js';
import { reshape, select, slice, unsqueeze } from './views.js';
import { checkIndexItems, parseSlice, type IndexItem } from './index-items.js';
import { describeValue } from '../describe.js';

export type { IndexItem, SliceSpec } from './index-items.js';

/** Positions of the nonzero values (row-major, contiguous) as rows of `shape.length` coordinates. */
function positionsOf(values: ArrayLike<number>, shape: readonly number[]): Int32Array {
  const hits: number[] = [];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) continue;
    for (let d = 0; d < shape.length; d++) hits.push(Math.floor(i / strides[d]) % shape[d]);
  }
  return Int32Array.from(hits);
}

function positionsTensor(mask: Tensor, hits: Int32Array): Tensor {
  return fromArray(mask.storage.backend, 'int32', [hits.length / Math.max(mask.ndim, 1), mask.ndim], hits);
}

/** The error for an op whose result's size depends on values that live on an asynchronous device. */
function needsAsync(op: string, t: Tensor, asyncForm: string): Error {
  return new Error(`${op}: the result's size depends on values on '${t.device}', which can only be read asynchronously; use ${asyncForm}`);
}

/** Indices of true (nonzero) elements as one int32 column per dim; on a GPU use {@link nonzeroAsync}. */
export function nonzero(mask: Tensor): Tensor {
  if (!mask.storage.backend.syncRead) throw needsAsync('nonzero', mask, 'await nonzeroAsync(mask)');
  return positionsTensor(mask, positionsOf(mask.dataSync(), mask.shape));
}

/**
 * `nonzero` on any device: waits for the mask's values, then returns the positions on the mask's device.
 * @example const idx = await nonzeroAsync(x.gt(0));
 */
export async function nonzeroAsync(mask: Tensor): Promise<Tensor> {
  return positionsTensor(mask, positionsOf(await mask.data(), mask.shape));
}

/** The elements of x where mask (broadcast to x) is true, as a 1-d tensor; on a GPU use {@link maskedSelectAsync}. */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const m = maskedSelectInputs(x, mask);
  if (!m.mask.storage.backend.syncRead) throw needsAsync('maskedSelect', x, 'await maskedSelectAsync(x, mask)');
  return indexSelect(m.flat, 0, reshape(nonzero(m.mask), [-1]));
}

/**
 * `maskedSelect` on any device: waits for the mask's values (the result's length), then selects on the device.
 * @example const positives = await maskedSelectAsync(x, x.gt(0));
 */
export async function maskedSelectAsync(x: Tensor, mask: Tensor): Promise<Tensor> {
  const m = maskedSelectInputs(x, mask);
  return indexSelect(m.flat, 0, reshape(await nonzeroAsync(m.mask), [-1]));
}

function maskedSelectInputs(x: Tensor, mask: Tensor): { flat: Tensor; mask: Tensor } {
  if (mask.dtype !== 'bool') throw new TypeError(`maskedSelect: expected mask to be a bool tensor, but got ${mask.dtype}`);
  const shape = broadcastShapes('maskedSelect', x.shape, mask.shape);
  return { flat: reshape(x.expand(shape), [-1]), mask: reshape(mask.expand(shape).contiguous(), [-1]) };
}

/**
 * One-hot encoding of an int32 tensor: a new last dim of `numClasses` with 1 at each value (int32 result,
 * PyTorch gives int64). With numClasses −1 it is max+1, which needs the values on the host: on a GPU give
 * numClasses or use {@link oneHotAsync}. On a GPU, values are not range-checked (out-of-range rows are all zero).
 */
export function oneHot(index: Tensor, numClasses = -1): Tensor {
  if (index.dtype !== 'int32') throw new TypeError(`oneHot: expected an int32 tensor of class indices, got ${index.dtype}`);
  checkNumClasses(numClasses);
  if (index.storage.backend.syncRead) numClasses = checkClasses(index.dataSync(), numClasses);
  else if (numClasses === -1) throw needsAsync('oneHot', index, 'await oneHotAsync(index), or give numClasses');
  const classes = arange(0, numClasses, 1, { dtype: 'int32', device: index.device });
  return elementwise('eq', [unsqueeze(index, -1), classes]).to('int32');
}

/**
 * `oneHot` on any device, reading the values first to infer and range-check the number of classes.
 * @example const Y = await oneHotAsync(labels); // numClasses = max + 1
 */
export async function oneHotAsync(index: Tensor, numClasses = -1): Promise<Tensor> {
  if (index.dtype !== 'int32') throw new TypeError(`oneHot: expected an int32 tensor of class indices, got ${index.dtype}`);
  checkNumClasses(numClasses);
  return oneHot(index, checkClasses(await index.data(), numClasses));
}

/** numClasses is a count, or -1 to infer it: a fraction or another negative would silently shape the result. */
function checkNumClasses(numClasses: number): void {
  if (!Number.isInteger(numClasses)) throw new TypeError(`oneHot: argument 'numClasses' must be an integer, not ${describeValue(numClasses)}`);
  if (numClasses < -1) throw new RangeError(`oneHot: numClasses must be a non-negative integer, or -1 to infer it from the values, got ${numClasses}`);
}

/** Checks class values against numClasses (or infers it as max+1 when −1) and returns it. */
function checkClasses(values: ArrayLike<number>, numClasses: number): number {
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0) throw new RangeError(`oneHot: class values must be non-negative, got ${v}`);
    if (v > max) max = v;
  }
  if (numClasses === -1) return max + 1;
  if (max >= numClasses) throw new RangeError(`oneHot: class values must be smaller than num_classes (${numClasses}), got ${max}`);
  return numClasses;
}

/**
 * Implements `t.index(...items)`; see {@link IndexItem}. A bool mask needs its values on the host: on a GPU use
 * {@link indexAsync}, which reads the masks first and passes their positions in `masks`.
 */
export function index(x: Tensor, items: readonly IndexItem[], masks?: ReadonlyMap<Tensor, Tensor>): Tensor {
  checkIndexItems(items);
  const ellipses = items.filter((i) => i === '...').length;
  if (ellipses > 1) throw new Error('index: an index can only have a single ellipsis (\'...\')');
  const consumes = (i: IndexItem) => i !== null && i !== '...' && !(i instanceof Tensor && i.dtype === 'bool');
  let used = 0;
  for (const i of items) used += consumes(i) ? 1 : i instanceof Tensor && i.dtype === 'bool' ? i.ndim : 0;
  if (used > x.ndim) throw new RangeError(`index: too many indices for tensor of dimension ${x.ndim} (got ${used})`);
  const expanded: IndexItem[] = [];
  for (const item of items) {
    if (item === '...') for (let k = 0; k < x.ndim - used; k++) expanded.push(':');
    else expanded.push(item);
  }
  let t = x;
  let dim = 0;
  const tensorDims: { dim: number; index: Tensor }[] = [];
  for (const item of expanded) {
    if (item === null) {
      t = unsqueeze(t, dim++);
    } else if (typeof item === 'number') {
      t = select(t, dim, item);
    } else if (typeof item === 'string' || (typeof item === 'object' && !(item instanceof Tensor))) {
      const s = typeof item === 'string' ? parseSlice(item) : item;
      t = slice(t, dim++, s.start, s.stop, s.step ?? 1);
    } else if (item.dtype === 'bool') {
      const shape = item.shape;
      for (let k = 0; k < shape.length; k++) {
        if (t.shape[dim + k] !== shape[k]) throw new Error(`index: the shape of the mask ${fmtShape(shape)} at index ${k} does not match the shape of the indexed tensor ${fmtShape(t.shape)} at index ${dim + k}`);
      }
      const merged = reshape(t, [...t.shape.slice(0, dim), -1, ...t.shape.slice(dim + shape.length)]);
      let positions = masks?.get(item);
      if (!positions) {
        if (!item.storage.backend.syncRead) throw needsAsync('index', item, 'await x.indexAsync(...) with a bool mask');
        positions = reshape(nonzero(reshape(item, [-1])), [-1]);
      }
      t = merged;
      tensorDims.push({ dim, index: positions });
      dim++;
    } else {
      tensorDims.push({ dim, index: item });
      dim++;
    }
  }
  return applyTensorIndices(t, tensorDims);
}

/**
 * `index` on any device: bool masks among the items are read first (the result's size depends on them), then
 * indexing runs on the device.
 * @example const rows = await x.indexAsync(x.sum(1).gt(0));
 */
export async function indexAsync(x: Tensor, items: readonly IndexItem[]): Promise<Tensor> {
  checkIndexItems(items); // before any read, so a wrong item fails as it does in index()
  const masks = new Map<Tensor, Tensor>();
  for (const item of items) {
    if (item instanceof Tensor && item.dtype === 'bool' && !masks.has(item)) {
      masks.set(item, reshape(await nonzeroAsync(reshape(item, [-1])), [-1]));
    }
  }
  return index(x, items, masks);
}

/** Advanced indexing with one or more index tensors on adjacent dims (broadcast together), PyTorch's placement. */
function applyTensorIndices(t: Tensor, idx: { dim: number; index: Tensor }[]): Tensor {
  if (idx.length === 0) return t;
  const first = idx[0].dim;
  idx.forEach((e, k) => {
    if (e.dim !== first + k) throw new Error('index: tensor indices separated by slices or integers are not supported; index the dims one at a time');
  });
  const bshape = broadcastShapes('index', ...idx.map((e) => e.index.shape));
  // combine the indexed dims into one linear index: ((i0 * n1) + i1) * n2 + i2 …
  let linear: Tensor | null = null;
  for (const { dim, index: i } of idx) {
    const size = t.shape[dim];
    const wrapped = elementwise('where', [i.lt(0), i.add(size), i]);
    checkRange(wrapped, size, dim);
    linear = linear === null ? wrapped : linear.mul(size).add(wrapped);
  }
  const n = idx.length;
  const before = t.shape.slice(0, first);
  const after = t.shape.slice(first + n);
  const merged = reshape(t, [...before, -1, ...after]);
  const flatIndex = reshape(linear!.expand(bshape).contiguous(), [-1]);
  const picked = indexSelect(merged, first, flatIndex);
  return reshape(picked, [...before, ...bshape, ...after]);
}

function checkRange(i: Tensor, size: number, dim: number): void {
  if (!i.storage.backend.syncRead) return;
  for (const v of i.dataSync()) {
    if (v < 0 || v >= size) throw new RangeError(`index: index ${v < 0 ? v - size : v} is out of bounds for dimension ${dim} with size ${size}`);
  }
}

import { allocArray, DEFAULT_FLOAT, type AnyTypedArray, type DType } from '../dtype.js';
import { checkDTypeArg, dtypeOption } from '../dtype-arg.js';
import { castChecked, overflowError, overflows, toElement } from '../convert.js';
import { describeValue } from '../describe.js';
import { checkedSize } from './allocation.js';
import { getBackend, getDefaultDevice, type Device } from '../device.js';
import { checkShape, fmtShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { empty, fromArray, viewOf } from './core.js';

/** Where and how a new tensor is made. */
export interface TensorOptions {
  /** Element type; defaults depend on the function (float32 for most). */
  dtype?: DType;
  /** Device name; the default device (see `setDefaultDevice`) when omitted. */
  device?: Device;
  /** Track gradients for this leaf tensor (floating dtypes only). */
  requiresGrad?: boolean;
}

/** Nested JavaScript arrays of numbers or booleans, as accepted by `tensor()`. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** A shape given as a list or as separate sizes. */
export type ShapeLike = readonly number[];

function finish(t: Tensor, opts: TensorOptions | undefined): Tensor {
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** The dtype a typed array's values keep (other integer arrays become int32, checked element by element). */
function typedDType(data: ArrayBufferView): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array || data instanceof BigUint64Array || !isNumberArray(data)) {
    throw new TypeError(`tensor: cannot make a tensor from ${describeValue(data)}; pass nested arrays of numbers, or a Float32Array, Float64Array or an integer typed array`);
  }
  return 'int32';
}

function isNumberArray(data: ArrayBufferView): data is AnyTypedArray {
  return 'length' in data && typeof (data as { BYTES_PER_ELEMENT?: unknown }).BYTES_PER_ELEMENT === 'number';
}

/** The JavaScript numbers of `values` (nested arrays flattened, or a typed array) stored as `dtype`: int32 values are checked, as PyTorch checks Python scalars. */
function storeValues(op: string, values: ArrayLike<number | boolean>, dtype: DType, sameDType: boolean): AnyTypedArray {
  const arr = allocArray(dtype, values.length);
  if (sameDType) {
    arr.set(values as ArrayLike<number>); // a typed array of the dtype keeps its values as they are
    return arr;
  }
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (dtype === 'int32' && overflows(v, 'int32')) throw overflowError(op, v, 'int32', values.length > 1 ? ` (element ${i})` : '');
    arr[i] = castChecked(v, dtype);
  }
  return arr;
}

/** Shape of a nested array, checking it is rectangular. */
function nestedShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const check = (node: NestedArray, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new Error(`tensor: expected a number at depth ${depth}, got a sequence (ragged nested array)`);
      if (typeof node !== 'number' && typeof node !== 'boolean') throw new TypeError(`tensor: could not convert ${String(node)} (${typeof node}) to a number`);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new Error(`tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got ${Array.isArray(node) ? node.length : 'a scalar'})`);
    }
    for (const child of node) check(child, depth + 1);
  };
  check(data, 0);
  return shape;
}

/**
 * A tensor from nested arrays, a typed array or a scalar. The dtype is inferred when not given: booleans give bool,
 * numbers give float32 (JavaScript cannot tell 1 from 1.0; ask for `{ dtype: 'int32' }` for integers), typed arrays
 * keep their type (Int32Array → int32, Float64Array → float64, other integer arrays → int32). Data is always copied.
 * Into int32, fractions truncate toward zero and a value out of int32's range (or NaN, ±∞) is PyTorch's overflow
 * error; a typed array of the tensor's dtype keeps its values as they are.
 * @example tensor([[1, 2], [3, 4]]) // float32, shape [2, 2]
 * @example tensor([0, 5, 13], { dtype: 'int32' })
 */
export function tensor(data: NestedArray | AnyTypedArray, opts?: TensorOptions & { shape?: ShapeLike }): Tensor {
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  const asked = opts?.dtype === undefined ? undefined : checkDTypeArg('tensor', opts.dtype);
  if (ArrayBuffer.isView(data)) {
    const own = typedDType(data);
    const typed = data as AnyTypedArray;
    const dtype = asked ?? own;
    const shape = opts?.shape ? checkShape('tensor', opts.shape) : [typed.length];
    if (numel(shape) !== typed.length) throw new Error(`tensor: shape ${fmtShape(shape)} needs ${numel(shape)} elements, but the data has ${typed.length}`);
    const same = dtype === own && (dtype !== 'int32' || typed instanceof Int32Array);
    return finish(fromArray(backend, dtype, shape, storeValues('tensor', typed, dtype, same)), opts);
  }
  const shape = nestedShape(data as NestedArray);
  const flat: (number | boolean)[] = Array.isArray(data) ? ((data as unknown[]).flat(Infinity) as (number | boolean)[]) : [data as number | boolean];
  const dtype = asked ?? (flat.length > 0 && flat.every((v) => typeof v === 'boolean') ? 'bool' : DEFAULT_FLOAT);
  const arr = storeValues('tensor', flat, dtype, false);
  const finalShape = opts?.shape ? checkShape('tensor', opts.shape) : shape;
  if (numel(finalShape) !== arr.length) throw new Error(`tensor: shape ${fmtShape(finalShape)} needs ${numel(finalShape)} elements, but the data has ${arr.length}`);
  return finish(fromArray(backend, dtype, finalShape, arr), opts);
}

/**
 * A tensor of `shape` filled with `value` (dtype: float32, or bool for a boolean value, unless given). A value the
 * dtype cannot hold (2**40 or NaN as int32, 1e300 as float32) is PyTorch's overflow error; int32 truncates 3.7 to 3.
 * @example full([2, 2], 7, { dtype: 'int32' })
 */
export function full(shape: ShapeLike, value: number | boolean, opts?: TensorOptions): Tensor {
  return filled('full', shape, value, opts);
}

function filled(op: string, shape: ShapeLike, value: number | boolean, opts?: TensorOptions): Tensor {
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  const dtype = dtypeOption(op, opts, typeof value === 'boolean' ? 'bool' : DEFAULT_FLOAT);
  const v = toElement(op, value, dtype);
  const t = empty(backend, dtype, checkShape(op, shape), 'zeros', op);
  if (v !== 0) backend.fill(viewOf(t), v);
  return finish(t, opts);
}

/** A tensor of zeros. @example zeros([2, 3]) */
export const zeros = (shape: ShapeLike, opts?: TensorOptions): Tensor => filled('zeros', shape, 0, opts);
/** A tensor of ones. @example ones([3], { dtype: 'int32' }) */
export const ones = (shape: ShapeLike, opts?: TensorOptions): Tensor => filled('ones', shape, 1, opts);

/** Like `x`'s shape, dtype and device unless overridden. */
function likeOpts(x: Tensor, opts?: TensorOptions): TensorOptions {
  return { dtype: x.dtype, device: x.device, ...opts };
}
/** Zeros with x's shape, dtype and device unless overridden. @example zerosLike(w) */
export const zerosLike = (x: Tensor, opts?: TensorOptions) => filled('zerosLike', x.shape, 0, likeOpts(x, opts));
/** Ones with x's shape, dtype and device unless overridden. @example onesLike(loss) */
export const onesLike = (x: Tensor, opts?: TensorOptions) => filled('onesLike', x.shape, 1, likeOpts(x, opts));
/** `value` everywhere, with x's shape, dtype and device unless overridden. @example fullLike(x, -Infinity) */
export const fullLike = (x: Tensor, value: number | boolean, opts?: TensorOptions) => filled('fullLike', x.shape, value, likeOpts(x, opts));

/**
 * Values from `start` (inclusive) to `end` (exclusive) by `step`; `arange(n)` is 0…n−1.
 * The dtype is int32 when all arguments are integers, else float32, as PyTorch infers it. With an integer dtype the
 * length comes from the numbers as given and the values from `start` and `step` truncated toward zero, as in
 * PyTorch (`arange(0, 3, 0.7, { dtype: 'int32' })` is an error: the step truncates to 0); a value beyond int32 is an
 * error (PyTorch would wrap it around).
 * @example arange(5) // int32 [0, 1, 2, 3, 4]
 */
export function arange(start: number, end?: number | TensorOptions, step: number | TensorOptions = 1, opts?: TensorOptions): Tensor {
  // options may follow any number of the numbers, as in arange(n, { dtype })
  if (typeof end === 'object') [opts, end] = [end, undefined];
  if (typeof step === 'object') [opts, step] = [step, 1];
  if (end === undefined) {
    end = start;
    start = 0;
  }
  for (const [name, v] of [['start', start], ['end', end], ['step', step]] as const) {
    if (typeof v !== 'number') throw new TypeError(`arange: ${name} must be a number, not ${describeValue(v)}`);
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`arange: unsupported range ${start} -> ${end}`);
  if (!Number.isFinite(step)) throw new RangeError(`arange: step must be a finite number, got ${step}`);
  const dtype = dtypeOption('arange', opts, [start, end, step].every(Number.isInteger) ? 'int32' : DEFAULT_FLOAT);
  if (dtype === 'bool') throw new TypeError("arange: not implemented for 'bool'");
  const integral = dtype === 'int32';
  const first = integral ? Math.trunc(start) : start;
  const by = integral ? Math.trunc(step) : step;
  if (by === 0) throw new RangeError('arange: step must be nonzero');
  if ((end - start) * step < 0) throw new RangeError(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  checkedSize('arange', backend, dtype, [n], true);
  if (integral && n > 0) {
    const last = first + (n - 1) * by;
    for (const v of [first, last]) if (overflows(v, 'int32')) throw overflowError('arange', v, 'int32');
  }
  const arr = allocArray(dtype, n);
  for (let i = 0; i < n; i++) arr[i] = castChecked(first + i * by, dtype);
  return finish(fromArray(backend, dtype, [n], arr, 'arange'), opts);
}

/**
 * `steps` evenly spaced values from start to end inclusive (float32 unless given), computed as PyTorch does from
 * both ends; a value the dtype cannot hold is PyTorch's overflow error.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: number of steps must be non-negative, got ${steps}`);
  const dtype = dtypeOption('linspace', opts, DEFAULT_FLOAT);
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  checkedSize('linspace', backend, dtype, [steps], true);
  const arr = allocArray(dtype, steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = steps === 1 ? 1 : Math.floor(steps / 2); // a single step is the start
  // the first half counts up from start and the second down from end, so both endpoints are exact
  for (let i = 0; i < steps; i++) arr[i] = toElement('linspace', i < half ? start + step * i : end - step * (steps - 1 - i), dtype);
  return finish(fromArray(backend, dtype, [steps], arr, 'linspace'), opts);
}

/** An n×m identity matrix (m defaults to n). @example eye(3) */
export function eye(n: number, m = n, opts?: TensorOptions): Tensor {
  const dtype = dtypeOption('eye', opts, DEFAULT_FLOAT);
  const [rows, cols] = checkShape('eye', [n, m]);
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  checkedSize('eye', backend, dtype, [rows, cols], true);
  const arr = allocArray(dtype, rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) arr[i * cols + i] = 1;
  return finish(fromArray(backend, dtype, [rows, cols], arr, 'eye'), opts);
}

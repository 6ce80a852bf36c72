import { allocArray, castScalar, DEFAULT_FLOAT, isDType, type AnyTypedArray, type DType } from '../dtype.js';
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

function typedDType(data: AnyTypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return 'int32';
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
 * keep their type (Int32Array → int32, Float64Array → float64). Data is always copied.
 * @example tensor([[1, 2], [3, 4]]) // float32, shape [2, 2]
 * @example tensor([0, 5, 13], { dtype: 'int32' })
 */
export function tensor(data: NestedArray | AnyTypedArray, opts?: TensorOptions & { shape?: ShapeLike }): Tensor {
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  if (opts?.dtype !== undefined && !isDType(opts.dtype)) throw new TypeError(`tensor: unknown dtype '${String(opts.dtype)}'; expected float32, float64, int32 or bool`);
  if (ArrayBuffer.isView(data)) {
    const typed = data as AnyTypedArray;
    const dtype = opts?.dtype ?? typedDType(typed);
    const shape = opts?.shape ? checkShape('tensor', opts.shape) : [typed.length];
    if (numel(shape) !== typed.length) throw new Error(`tensor: shape ${fmtShape(shape)} needs ${numel(shape)} elements, but the data has ${typed.length}`);
    const arr = allocArray(dtype, typed.length);
    for (let i = 0; i < typed.length; i++) arr[i] = castScalar(typed[i], dtype);
    return finish(fromArray(backend, dtype, shape, arr), opts);
  }
  const shape = nestedShape(data as NestedArray);
  const flat: (number | boolean)[] = Array.isArray(data) ? ((data as unknown[]).flat(Infinity) as (number | boolean)[]) : [data as number | boolean];
  const dtype = opts?.dtype ?? (flat.length > 0 && flat.every((v) => typeof v === 'boolean') ? 'bool' : DEFAULT_FLOAT);
  const arr = allocArray(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) arr[i] = castScalar(Number(flat[i]), dtype);
  const finalShape = opts?.shape ? checkShape('tensor', opts.shape) : shape;
  if (numel(finalShape) !== arr.length) throw new Error(`tensor: shape ${fmtShape(finalShape)} needs ${numel(finalShape)} elements, but the data has ${arr.length}`);
  return finish(fromArray(backend, dtype, finalShape, arr), opts);
}

/** A tensor of `shape` filled with `value` (dtype: float32, or bool for a boolean value, unless given). */
export function full(shape: ShapeLike, value: number | boolean, opts?: TensorOptions): Tensor {
  const backend = getBackend(opts?.device ?? getDefaultDevice());
  const dtype = opts?.dtype ?? (typeof value === 'boolean' ? 'bool' : DEFAULT_FLOAT);
  const t = empty(backend, dtype, checkShape('full', shape), 'zeros');
  const v = Number(value);
  if (v !== 0) backend.fill(viewOf(t), castScalar(v, dtype));
  return finish(t, opts);
}

/** A tensor of zeros. @example zeros([2, 3]) */
export const zeros = (shape: ShapeLike, opts?: TensorOptions): Tensor => full(shape, 0, opts);
/** A tensor of ones. @example ones([3], { dtype: 'int32' }) */
export const ones = (shape: ShapeLike, opts?: TensorOptions): Tensor => full(shape, 1, opts);

/** Like `x`'s shape, dtype and device unless overridden. */
function likeOpts(x: Tensor, opts?: TensorOptions): TensorOptions {
  return { dtype: x.dtype, device: x.device, ...opts };
}
export const zerosLike = (x: Tensor, opts?: TensorOptions) => zeros(x.shape, likeOpts(x, opts));
export const onesLike = (x: Tensor, opts?: TensorOptions) => ones(x.shape, likeOpts(x, opts));
export const fullLike = (x: Tensor, value: number | boolean, opts?: TensorOptions) => full(x.shape, value, likeOpts(x, opts));

/**
 * Values from `start` (inclusive) to `end` (exclusive) by `step`; `arange(n)` is 0…n−1.
 * The dtype is int32 when all arguments are integers, else float32, as PyTorch infers it.
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
  if (step === 0) throw new RangeError('arange: step must be nonzero');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`arange: unsupported range ${start} -> ${end}`);
  if ((end - start) * step < 0) throw new RangeError(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`);
  const dtype = opts?.dtype ?? ([start, end, step].every(Number.isInteger) ? 'int32' : DEFAULT_FLOAT);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const arr = allocArray(dtype, n);
  for (let i = 0; i < n; i++) arr[i] = castScalar(start + i * step, dtype);
  return finish(fromArray(getBackend(opts?.device ?? getDefaultDevice()), dtype, [n], arr), opts);
}

/** `steps` evenly spaced values from start to end inclusive (float32 unless given), computed as PyTorch does from both ends. */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: number of steps must be non-negative, got ${steps}`);
  const dtype = opts?.dtype ?? DEFAULT_FLOAT;
  const arr = allocArray(dtype, steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = steps === 1 ? 1 : Math.floor(steps / 2); // a single step is the start
  // the first half counts up from start and the second down from end, so both endpoints are exact
  for (let i = 0; i < steps; i++) arr[i] = castScalar(i < half ? start + step * i : end - step * (steps - 1 - i), dtype);
  return finish(fromArray(getBackend(opts?.device ?? getDefaultDevice()), dtype, [steps], arr), opts);
}

/** An n×m identity matrix (m defaults to n). */
export function eye(n: number, m = n, opts?: TensorOptions): Tensor {
  const dtype = opts?.dtype ?? DEFAULT_FLOAT;
  const [rows, cols] = checkShape('eye', [n, m]);
  const arr = allocArray(dtype, rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) arr[i * cols + i] = 1;
  return finish(fromArray(getBackend(opts?.device ?? getDefaultDevice()), dtype, [rows, cols], arr), opts);
}


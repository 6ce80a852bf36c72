import type { ArgReduceOp, ReduceOp, SoftmaxKind, View } from '../backend.js';
import { isFloat, type DType } from '../dtype.js';
import { contiguousStrides, normalizeDim, normalizeDims } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { asTensor, empty, viewOf } from './core.js';
import { checkUsable } from '../released.js';
import { elementwise } from './elementwise.js';
import { record, setGradEnabled } from './record.js';
import { releaseTemporaries } from '../storage.js';
import { unrecorded } from './unrecorded.js';
import { reduceOptions, type ReduceArgs } from './arguments.js';

/** Which dims a reduction runs over and whether they are kept as size-1 dims. */
export interface ReduceOptions {
  /** A dim or dims (negative counts from the end); all dims when omitted. */
  dim?: number | readonly number[];
  /** Keep reduced dims with size 1, so the result broadcasts against the input. Default false. */
  keepdim?: boolean;
}

/** A reduction's argument inside this package: options, or just the dim(s). Methods read PyTorch's forms first. */
export type ReduceArg = ReduceOptions | number | readonly number[] | undefined;

export function parseReduceArg(arg: ReduceArg): ReduceOptions {
  return typeof arg === 'number' || Array.isArray(arg) ? { dim: arg as number | number[] } : ((arg ?? {}) as ReduceOptions);
}

/**
 * A new tensor shaped as a reduction of x over `dims` returns it (those dims dropped unless `keepdim`), and the
 * kernel's view of it, where they are kept with size 1. One tensor either way, so the result is no view of a
 * dropped temporary (which would hold a claim on its memory until collected).
 */
function reductionOut(op: string, x: Tensor, dims: readonly number[], keepdim: boolean, dtype: DType, contents: 'zeros' | 'any' = 'any'): { out: Tensor; view: View } {
  const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
  const out = empty(x.storage.backend, dtype, keepdim ? kept : x.shape.filter((_, i) => !dims.includes(i)), contents, op);
  return { out, view: { ...viewOf(out), shape: kept, strides: contiguousStrides(kept) } };
}

/** Runs a backend reduction over `dims` and records it. */
export function reduceWith(op: ReduceOp, x: Tensor, arg: ReduceArg, dtype: DType): Tensor {
  const { dim, keepdim = false } = parseReduceArg(arg);
  const dims = normalizeDims(op, dim, x.ndim);
  if ((op === 'max' || op === 'min') && dims.some((d) => x.shape[d] === 0)) {
    throw new Error(`${op}: expected reduction dim to have non-zero size, but input has shape [${x.shape.join(',')}]`);
  }
  const name = op === 'max' ? 'amax' : op === 'min' ? 'amin' : op;
  checkUsable(name, x);
  const { out, view } = reductionOut(name, x, dims, keepdim, dtype);
  x.storage.backend.reduce(op, view, viewOf(x), dims);
  return record(name, [x], out, { dims, keepdim });
}

const accumulateType = (dtype: DType): DType => (isFloat(dtype) ? dtype : 'int32');

export const sum = (x: Tensor, arg?: ReduceArg) => reduceWith('sum', x, arg, accumulateType(x.dtype));
export const prod = (x: Tensor, arg?: ReduceArg) => reduceWith('prod', x, arg, accumulateType(x.dtype));
export const amax = (x: Tensor, arg?: ReduceArg) => reduceWith('max', x, arg, x.dtype);
export const amin = (x: Tensor, arg?: ReduceArg) => reduceWith('min', x, arg, x.dtype);
/** True where every element (over the dims) is nonzero; true over no elements. Counts zeros, so empty dims work. */
export const all = (x: Tensor, arg?: ReduceArg) => sum(x.eq(0), arg).eq(0);
/** True where any element (over the dims) is nonzero; false over no elements. */
export const any = (x: Tensor, arg?: ReduceArg) => sum(x.ne(0), arg).ne(0);

function countOver(x: Tensor, dims: readonly number[]): number {
  return dims.reduce((n, d) => n * x.shape[d], 1);
}

function requireFloat(op: string, x: Tensor): void {
  if (!isFloat(x.dtype)) {
    throw new TypeError(`${op}: could not infer output dtype. Input dtype must be a floating point dtype. Got: ${x.dtype}`);
  }
}

/** Arithmetic mean over dims. */
export function mean(x: Tensor, arg?: ReduceArg): Tensor {
  requireFloat('mean', x);
  const opts = parseReduceArg(arg);
  const n = countOver(x, normalizeDims('mean', opts.dim, x.ndim));
  return sum(x, opts).div(n);
}

/** Options of var/std: the reduction plus Bessel's correction (1 = unbiased, PyTorch's default). */
export interface VarOptions extends ReduceOptions {
  correction?: number;
}

/** Variance over dims, with `correction` subtracted from the count (default 1). */
export function variance(x: Tensor, opts: VarOptions | number | readonly number[] = {}): Tensor {
  requireFloat('var', x);
  const o = typeof opts === 'number' || Array.isArray(opts) ? { dim: opts as number | number[] } : (opts as VarOptions);
  const dims = normalizeDims('var', o.dim, x.ndim);
  const n = countOver(x, dims) - (o.correction ?? 1);
  const centred = x.sub(mean(x, { dim: dims, keepdim: true }));
  return sum(centred.mul(centred), { dim: dims, keepdim: o.keepdim }).div(Math.max(n, 0));
}

export const std = (x: Tensor, opts?: VarOptions | number | readonly number[]) => variance(x, opts).sqrt();

/**
 * log Σ exp(x) over dims, shifted by the max so logits of 1e4 neither overflow nor lose precision. Takes the
 * dims as `x.logsumexp` does: `(dim, keepdim?)` or `({ dim, keepdim })`.
 * @example logsumexp(logits, 1, true)   // shape [B, 1]
 */
export function logsumexp(x: Tensor, ...args: ReduceArgs): Tensor {
  requireFloat('logsumexp', x);
  const { dim, keepdim = false } = reduceOptions('logsumexp', args);
  const dims = normalizeDims('logsumexp', dim, x.ndim);
  return fused('logsumexp', x, { dims, keepdim }, () => {
    const m = finiteShift(x, dims);
    const out = sum(x.sub(m).exp(), { dim: dims, keepdim: true }).log().add(m);
    return keepdim ? out : out.squeeze(dims);
  });
}

/**
 * Computes a composite op with recording off and records its result as one op, so its gradient is one rule
 * (far fewer ops to run and to keep than the composition's). The composition's intermediates are visible to no
 * one, so their memory is released at once rather than at garbage collection.
 */
function fused(op: string, x: Tensor, saved: Record<string, unknown>, compute: () => Tensor): Tensor {
  return record(op, [x], unrecorded(compute, (out) => [out.storage]), saved);
}

/** The max over dims (kept), to shift by; 0 over no elements, where there is no max. Not recorded. */
function maxShift(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.some((d) => x.shape[d] === 0)) return asTensor(0, x.dtype, x.storage.backend);
  const prev = setGradEnabled(false); // not recorded, and no detached view holding a claim on x
  try {
    return amax(x, { dim: dims, keepdim: true });
  } finally {
    setGradEnabled(prev);
  }
}

/** maxShift with infinities replaced by 0 so that x − m never makes inf − inf (logsumexp of nothing is -inf). */
function finiteShift(x: Tensor, dims: readonly number[]): Tensor {
  const m = maxShift(x, dims);
  return elementwise('where', [m.isinf(), 0, m]);
}

/**
 * The backend's fused softmax kernel of `kind` over `inputs` along `dim`, into a new tensor of the first input's
 * shape; null where the backend has none for these views (the caller then composes the op).
 */
function softmaxKernel(kind: SoftmaxKind, inputs: readonly Tensor[], dim: number): Tensor | null {
  const backend = inputs[0].storage.backend;
  if (!backend.softmax || inputs.some((t) => t.dtype !== inputs[0].dtype)) return null;
  const out = empty(backend, inputs[0].dtype, inputs[0].shape, 'any', kind);
  if (backend.softmax(kind, viewOf(out), inputs.map((t) => viewOf(t)), dim)) return out;
  out.storage.release();
  return null;
}

/** softmax along `dim`: exp(x − max) / Σ exp(x − max); a row holding +inf, or only -inf, is NaN, as PyTorch. */
export function softmax(x: Tensor, dim: number): Tensor {
  requireFloat('softmax', x);
  const d = normalizeDim('softmax', dim, x.ndim);
  return fused('softmax', x, { dim: d }, () => {
    const k = softmaxKernel('softmax', [x], d);
    if (k) return k;
    const e = x.sub(maxShift(x, [d])).exp();
    return e.div(sum(e, { dim: d, keepdim: true }));
  });
}

/** log(softmax(x)) along `dim`, computed as (x − max) − log Σ exp(x − max). */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  requireFloat('logSoftmax', x);
  const d = normalizeDim('logSoftmax', dim, x.ndim);
  return fused('logSoftmax', x, { dim: d }, () => {
    const k = softmaxKernel('logSoftmax', [x], d);
    if (k) return k;
    const shifted = x.sub(maxShift(x, [d]));
    return shifted.sub(sum(shifted.exp(), { dim: d, keepdim: true }).log());
  });
}

/** Runs `compute` with its intermediates released at once; for gradients, which are never recorded. */
function withoutTemporaries(compute: () => Tensor): Tensor {
  return releaseTemporaries(compute, (result) => [result.storage]);
}

/**
 * The gradient of `softmax(x, dim)` with respect to x, from the gradient `grad` of its output `output`:
 * output·(grad − Σ grad·output) along `dim` (PyTorch's `_softmax_backward_data`). One kernel where the backend has
 * it. Not recorded: for backward passes, which run without recording.
 * @example const gx = softmaxBackward(gy, y, -1);
 */
export function softmaxBackward(grad: Tensor, output: Tensor, dim: number): Tensor {
  const d = normalizeDim('softmaxBackward', dim, output.ndim);
  return withoutTemporaries(() => {
    const [g, y] = [grad.expand(output.shape as number[]), output];
    return softmaxKernel('softmaxBackward', [g, y], d) ?? y.mul(g.sub(sum(g.mul(y), { dim: d, keepdim: true })));
  });
}

/**
 * The gradient of `logSoftmax(x, dim)` with respect to x, from the gradient `grad` of its output `output`:
 * grad − exp(output)·Σ grad along `dim` (PyTorch's `_log_softmax_backward_data`). One kernel where the backend has
 * it. Not recorded: for backward passes, which run without recording.
 * @example const gx = logSoftmaxBackward(gy, logp, 1);
 */
export function logSoftmaxBackward(grad: Tensor, output: Tensor, dim: number): Tensor {
  const d = normalizeDim('logSoftmaxBackward', dim, output.ndim);
  return withoutTemporaries(() => {
    const [g, y] = [grad.expand(output.shape as number[]), output];
    return softmaxKernel('logSoftmaxBackward', [g, y], d) ?? g.sub(y.exp().mul(sum(g, { dim: d, keepdim: true })));
  });
}

/** Index of the max/min along `dim` (or of the flattened tensor when dim is omitted), as int32. */
export function argReduce(op: ArgReduceOp, x: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim === undefined) {
    const flat = x.reshape([-1]);
    const r = argReduce(op, flat, 0, false);
    return keepdim ? r.reshape(x.shape.map(() => 1)) : r;
  }
  checkUsable(op, x);
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim > 0 && x.shape[d] === 0) throw new Error(`${op}: expected reduction dim ${d} to be non-empty`);
  const { out, view } = reductionOut(op, x, x.ndim === 0 ? [] : [d], keepdim || x.ndim === 0, 'int32', 'zeros');
  if (x.ndim === 0) return out; // index 0
  x.storage.backend.argReduce(op, view, viewOf(x), d);
  return out;
}

/** Max or min along a dim with its index, as PyTorch's `max(dim)`: values are gathered, so they differentiate. */
export function extremeAlong(op: 'max' | 'min', x: Tensor, dim: number, keepdim = false): { values: Tensor; indices: Tensor } {
  const indices = argReduce(op === 'max' ? 'argmax' : 'argmin', x, dim, true);
  const values = x.ndim === 0 ? x.clone() : x.gather(dim, indices);
  if (keepdim || x.ndim === 0) return { values, indices };
  return { values: values.squeeze(dim), indices: indices.squeeze(dim) };
}

/** Inclusive cumulative sum along `dim`; ints and bools accumulate in int32. */
export function cumsum(x: Tensor, dim: number): Tensor {
  checkUsable('cumsum', x);
  const d = normalizeDim('cumsum', dim, x.ndim);
  const backend = x.storage.backend;
  const out = empty(backend, accumulateType(x.dtype), x.shape, 'any', 'cumsum');
  if (x.ndim === 0) backend.copy(viewOf(out), viewOf(x));
  else backend.scan('cumsum', viewOf(out), viewOf(x), d);
  return record('cumsum', [x], out, { dim: d });
}

import { allocArray, DEFAULT_FLOAT, isFloat, type DType } from '../dtype.js';
import { dtypeOption } from '../dtype-arg.js';
import { overflows } from '../convert.js';
import { checkedSize } from './allocation.js';
import { checkUsable } from '../released.js';
import { getBackend, getDefaultDevice } from '../device.js';
import { checkShape, fmtShape, numel } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import * as dist from '../random/distributions.js';
import { fromArray, viewOf } from './core.js';
import { checkInPlace } from './elementwise.js';
import type { ShapeLike, TensorOptions } from './creation.js';

/** Creation options plus the generator to draw from (the default generator, seeded by `manualSeed`, if omitted). */
export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

/**
 * Random values are drawn on the host by the same algorithms as PyTorch's CPU generator, then placed on the
 * tensor's device, so every backend gets the same numbers for the same seed.
 */
function place(values: Float32Array | Float64Array | Int32Array | Uint8Array, dtype: DType, shape: number[], opts?: RandomOptions): Tensor {
  const t = fromArray(getBackend(opts?.device ?? getDefaultDevice()), dtype, shape, values);
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

function floatDType(op: string, opts?: RandomOptions): 'float32' | 'float64' {
  const d = dtypeOption(op, opts, DEFAULT_FLOAT);
  if (!isFloat(d)) throw new TypeError(`${op}: expected a floating point dtype, got ${d}`);
  return d as 'float32' | 'float64';
}

/** The element count of a tensor of `shape` drawn on the host for `opts`' device, checked before anything is made. */
function hostSize(op: string, shape: number[], dtype: DType, opts?: RandomOptions): number {
  return checkedSize(op, getBackend(opts?.device ?? getDefaultDevice()), dtype, shape, true);
}

/** Integers each float dtype represents exactly, as PyTorch bounds randint's range for them. */
const EXACT_INTEGERS = { float32: 2 ** 24, float64: 2 ** 53 } as const;

/** PyTorch's bounds on randint's `low` and `high - 1` for `dtype`, as its errors word them. */
function checkRandintRange(low: number, high: number, dtype: DType): void {
  if (dtype === 'int32') {
    if (overflows(low, 'int32')) throw new RangeError(`randint: from is out of bounds for int32 (from=${low})`);
    if (overflows(high - 1, 'int32')) throw new RangeError(`randint: to - 1 is out of bounds for int32 (to=${high})`);
    return;
  }
  const bound = EXACT_INTEGERS[dtype as 'float32' | 'float64'];
  for (const [name, v] of [['from', low], ['to - 1', high - 1]] as const) {
    if (Math.abs(v) > bound) {
      const p = dtype === 'float32' ? 24 : 53;
      throw new RangeError(`randint: ${name} is out of bounds [-(2^${p}), 2^${p}]; ${dtype} represents every integer only within this range, so the draws would be rounded (got ${name}=${v})`);
    }
  }
}

/**
 * Uniform samples in [0, 1), as `torch.rand`.
 * @example manualSeed(2147483647); rand([3]) // the same numbers as torch.rand(3) after torch.manual_seed(2147483647)
 */
export function rand(shape: ShapeLike, opts?: RandomOptions): Tensor {
  const s = checkShape('rand', shape);
  const dtype = floatDType('rand', opts);
  const out = allocArray(dtype, hostSize('rand', s, dtype, opts));
  dist.uniformFill(opts?.generator ?? defaultGenerator, out);
  return place(out, dtype, s, opts);
}

/** Standard normal samples, as `torch.randn`. */
export function randn(shape: ShapeLike, opts?: RandomOptions): Tensor {
  const s = checkShape('randn', shape);
  const dtype = floatDType('randn', opts);
  const out = allocArray(dtype, hostSize('randn', s, dtype, opts));
  dist.normalFill(opts?.generator ?? defaultGenerator, out);
  return place(out, dtype, s, opts);
}

/**
 * Integers uniform in [low, high), as `torch.randint` (int32 unless a dtype is given). Bounds the dtype cannot hold
 * are PyTorch's errors: for int32, low and high − 1 within int32; for float32 within ±2^24 (float64 ±2^53), where
 * every integer is exact (PyTorch only warns there).
 * @example randint(0, 27, [32]) // 32 indices into an alphabet of 27
 */
export function randint(low: number, high: number, shape: ShapeLike, opts?: RandomOptions): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high)) throw new TypeError(`randint: low and high must be integers, got ${low} and ${high}`);
  if (high <= low) throw new RangeError(`randint: expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const s = checkShape('randint', shape);
  const dtype = dtypeOption('randint', opts, 'int32');
  if (dtype === 'bool') throw new TypeError('randint: bool dtype is not supported');
  checkRandintRange(low, high, dtype);
  const out = allocArray(dtype, hostSize('randint', s, dtype, opts)) as Int32Array | Float32Array | Float64Array;
  dist.randintFill(opts?.generator ?? defaultGenerator, out, low, high);
  return place(out, dtype, s, opts);
}

/**
 * A random permutation of 0…n−1, as `torch.randperm` (int32 unless a dtype is given; float32 only up to
 * n = 2^24 + 1, where every index is exact, as in PyTorch).
 * @example randperm(5) // e.g. [4, 0, 1, 3, 2]
 */
export function randperm(n: number, opts?: RandomOptions): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randperm: n must be a non-negative integer, got ${n}`);
  const dtype = dtypeOption('randperm', opts, 'int32');
  if (dtype === 'bool') throw new TypeError("randperm: not implemented for 'bool'");
  if (dtype === 'float32' && n > 2 ** 24 + 1) throw new RangeError(`randperm: n cannot be greater than 2^24+1 for float32 (got ${n})`);
  hostSize('randperm', [n], 'int32', opts);
  const perm = dist.randperm(opts?.generator ?? defaultGenerator, n);
  const values = dtype === 'int32' ? perm : Float64Array.from(perm);
  return place(dtype === 'float32' ? Float32Array.from(perm) : values, dtype, [n], opts);
}

/**
 * Draws `numSamples` category indices from each row of a 1-d or 2-d tensor of (unnormalised) probabilities, as
 * `torch.multinomial`; the same draws as PyTorch for the same seed. The probabilities are read on the host, so
 * for a tensor on a GPU use {@link multinomialAsync}.
 * @example multinomial(p, 1, { replacement: true, generator: g })
 */
export function multinomial(probs: Tensor, numSamples: number, opts?: RandomOptions & { replacement?: boolean }): Tensor {
  checkMultinomial(probs);
  if (!probs.storage.backend.syncRead) {
    throw new Error(`multinomial: the probabilities are on '${probs.device}', which can only be read asynchronously; use await multinomialAsync(probs, numSamples, opts) (the same draws)`);
  }
  return drawMultinomial(probs, probs.dataSync() as Float32Array | Float64Array, numSamples, opts);
}

/**
 * `multinomial` for tensors on any device: waits for the probabilities, draws on the host (the same numbers as
 * the CPU and PyTorch) and returns the indices on the probabilities' device.
 * @example const ix = await multinomialAsync(p, 1, { replacement: true, generator: g });
 */
export async function multinomialAsync(probs: Tensor, numSamples: number, opts?: RandomOptions & { replacement?: boolean }): Promise<Tensor> {
  checkMultinomial(probs);
  return drawMultinomial(probs, (await probs.data()) as Float32Array | Float64Array, numSamples, opts);
}

function checkMultinomial(probs: Tensor): void {
  if (probs.ndim !== 1 && probs.ndim !== 2) throw new Error(`multinomial: prob_dist must be 1 or 2 dim, got shape ${fmtShape(probs.shape)}`);
  if (!isFloat(probs.dtype)) throw new TypeError(`multinomial: only floating point probabilities are supported, got ${probs.dtype}`);
}

function drawMultinomial(probs: Tensor, values: Float32Array | Float64Array, numSamples: number, opts?: RandomOptions & { replacement?: boolean }): Tensor {
  const rows = probs.ndim === 1 ? 1 : probs.shape[0];
  const cats = probs.shape[probs.ndim - 1];
  const drawn = dist.multinomial(opts?.generator ?? defaultGenerator, values, rows, cats, numSamples, opts?.replacement ?? false);
  const shape = probs.ndim === 1 ? [numSamples] : [rows, numSamples];
  return place(drawn, 'int32', shape, { device: probs.device, ...opts, dtype: 'int32', requiresGrad: false });
}

/**
 * 0/1 samples with probability `p` each: a tensor of probabilities (same shape out), as `torch.bernoulli`.
 * On a device read asynchronously, the uniforms are drawn on the host exactly as here and compared with `p` on
 * the device, so the samples are the same; the probabilities are then not checked to lie in [0, 1].
 */
export function bernoulli(p: Tensor, opts?: RandomOptions): Tensor {
  if (!isFloat(p.dtype)) throw new TypeError(`bernoulli: expected a floating point tensor of probabilities, got ${p.dtype}`);
  if (!p.storage.backend.syncRead) {
    // float32 probabilities draw one float32 uniform per element, in order: the same stream rand() uses
    const u = rand(p.shape, { generator: opts?.generator, dtype: 'float32', device: p.device });
    return u.lt(p).to(p.dtype);
  }
  const probs = p.dataSync() as Float32Array | Float64Array;
  const out = allocArray(p.dtype, probs.length) as Float32Array | Float64Array;
  dist.bernoulliFill(opts?.generator ?? defaultGenerator, out, probs);
  return place(out, p.dtype, [...p.shape], { device: p.device, ...opts, dtype: p.dtype, requiresGrad: false });
}

/**
 * A dropout mask: each element is 0 with probability `p`, else 1/(1−p), drawn as `torch.nn.functional.dropout`
 * draws it, so `x.mul(dropoutMask(x.shape, p))` matches PyTorch's training-mode dropout for the same seed.
 */
export function dropoutMask(shape: ShapeLike, p: number, opts?: RandomOptions): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout: probability has to be between 0 and 1, but got ${p}`);
  const s = checkShape('dropoutMask', shape);
  const dtype = floatDType('dropoutMask', opts);
  const out = allocArray(dtype, hostSize('dropoutMask', s, dtype, opts));
  if (p === 1) return place(out, dtype, s, opts);
  dist.dropoutMask(opts?.generator ?? defaultGenerator, out, p);
  // PyTorch scales by 1/(1-p) computed in the tensor's dtype
  const scale = dtype === 'float32' ? Math.fround(1 / Math.fround(1 - p)) : 1 / (1 - p);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return place(out, dtype, s, opts);
}

/** rand with x's shape, dtype and device. */
export const randLike = (x: Tensor, opts?: RandomOptions) => rand(x.shape, { dtype: x.dtype, device: x.device, ...opts });
/** randn with x's shape, dtype and device. */
export const randnLike = (x: Tensor, opts?: RandomOptions) => randn(x.shape, { dtype: x.dtype, device: x.device, ...opts });

/** Fills `t` in place with samples drawn on the host, shaped and typed like t. */
function fillInPlace(op: string, t: Tensor, draw: (out: Float32Array | Float64Array) => void): Tensor {
  checkUsable(op, t);
  if (!isFloat(t.dtype)) throw new TypeError(`${op}: expected a floating point tensor, got ${t.dtype}`);
  checkInPlace(op, t);
  const values = allocArray(t.dtype, t.numel) as Float32Array | Float64Array;
  draw(values);
  const src = fromArray(t.storage.backend, t.dtype, [...t.shape], values);
  t.storage.backend.copy(viewOf(t), viewOf(src));
  t.storage.version++;
  return t;
}

/** In-place uniform fill on [from, to), as `tensor.uniform_` (the same numbers as PyTorch for the same seed). */
export function uniform_(t: Tensor, from = 0, to = 1, generator: Generator = defaultGenerator): Tensor {
  return fillInPlace('uniform_', t, (out) => dist.uniformFill(generator, out, from, to));
}

/** In-place normal fill, as `tensor.normal_`. */
export function normal_(t: Tensor, mean = 0, std = 1, generator: Generator = defaultGenerator): Tensor {
  return fillInPlace('normal_', t, (out) => dist.normalFill(generator, out, mean, std));
}

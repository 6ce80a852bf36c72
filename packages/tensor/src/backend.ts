import type { AnyTypedArray, DType } from './dtype.js';
import type { Shape } from './shape.js';
import type { ElementwiseOp } from './ops/elementwise-table.js';

/**
 * A strided window onto a backend buffer: what every kernel reads and writes.
 * Broadcasting is expressed as stride 0, transposes and slices as permuted or stepped strides,
 * so kernels never need a copy to read a view.
 */
export interface View<B = unknown> {
  readonly buffer: B;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Reductions a backend implements; mean, var, logsumexp and the like are built from these. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min';
/** Reductions that return the position of the extreme value. */
export type ArgReduceOp = 'argmax' | 'argmin';
/** Inclusive scans. */
export type ScanOp = 'cumsum' | 'cumprod';
/** The fused softmax kernels: forward from x, backward from the gradient and the forward's output. */
export type SoftmaxKind = 'softmax' | 'logSoftmax' | 'softmaxBackward' | 'logSoftmaxBackward';

/**
 * The views of one attention call (`Backend.attention`): q [...batch, L, E], k [...batch, S, E], v [...batch, S, Ev]
 * and out [...batch, L, Ev], each with its last dim dense (stride 1); lse [...batch, L] receives each query row's
 * log Σ exp of its scores, which the backward needs; mask, where given, is [...batch, L, S] (any strides, 0 where
 * broadcast), added to the scores. With `causal`, key j is masked for query i when j > i.
 */
export interface AttentionViews<B = unknown> {
  out: View<B>;
  lse: View<B>;
  q: View<B>;
  k: View<B>;
  v: View<B>;
  mask: View<B> | null;
  scale: number;
  causal: boolean;
}

/**
 * The views of an attention backward (`Backend.attentionBackward`): the forward's q, k, v, out, lse and mask, the
 * output's gradient `dout` [...batch, L, Ev], and the zero-filled gradients to write, dq, dk and dv, shaped as q, k and v.
 */
export interface AttentionGradViews<B = unknown> {
  dq: View<B>;
  dk: View<B>;
  dv: View<B>;
  dout: View<B>;
  q: View<B>;
  k: View<B>;
  v: View<B>;
  out: View<B>;
  lse: View<B>;
  mask: View<B> | null;
  scale: number;
  causal: boolean;
}

/**
 * The views of a layer normalisation (`Backend.layerNorm`): x and out [R, N] (rows dense: stride 1 along N), mean and
 * rstd [R] receiving each row's mean and 1/√(variance + eps), weight and bias [N] or null.
 */
export interface LayerNormViews<B = unknown> {
  out: View<B>;
  mean: View<B>;
  rstd: View<B>;
  x: View<B>;
  weight: View<B> | null;
  bias: View<B> | null;
  eps: number;
}

/**
 * The views of its backward (`Backend.layerNormBackward`): dout, x and dx [R, N], the forward's mean, rstd and
 * weight, and dweight and dbias [N] (zero-filled) or null where the op had no weight or bias.
 */
export interface LayerNormGradViews<B = unknown> {
  dx: View<B>;
  dweight: View<B> | null;
  dbias: View<B> | null;
  dout: View<B>;
  x: View<B>;
  weight: View<B> | null;
  mean: View<B>;
  rstd: View<B>;
}

/**
 * What a device implements. It is kept small on purpose: buffers (allocate, upload, read, release) and a fixed
 * set of strided kernels; every tensor op is composed from these by the op layer, once for all backends.
 *
 * Kernels are enqueued, not awaited: a backend may run them later (a GPU queue), and only `read` waits.
 * `out` views are always shaped as the op's result; inputs arrive already broadcast to it where the kernel
 * is elementwise.
 */
export interface Backend<B = unknown> {
  /** Device name users pass to `tensor.to(...)`, e.g. 'cpu' or 'webgpu'. */
  readonly name: string;
  /** True when `readSync` works (the CPU); asynchronous devices only support `read`. */
  readonly syncRead: boolean;
  /** Throws a clear error when the device cannot hold this dtype (float64 on a GPU). */
  checkDType(op: string, dtype: DType): void;
  /** Optional: throws a clear error naming `op` when `size` elements of `dtype` are more than one buffer can hold. */
  checkAllocation?(op: string, dtype: DType, shape: Shape, size: number): void;

  /**
   * A buffer of `size` elements: zero-filled, or with `contents` 'any' whatever it holds (the op layer asks for
   * that where a kernel writes every element, so reused memory need not be cleared first).
   */
  allocate(dtype: DType, size: number, contents?: 'zeros' | 'any'): B;
  /** A buffer holding a copy of `data`. */
  upload(dtype: DType, data: AnyTypedArray): B;
  /** Copies a whole buffer back to the host once every kernel writing it has run. */
  read(buffer: B, dtype: DType, size: number): Promise<AnyTypedArray>;
  /** The synchronous form of `read`; only where `syncRead` is true. May return the storage itself: do not mutate. */
  readSync(buffer: B, dtype: DType, size: number): AnyTypedArray;
  /** Returns the buffer's memory (to a pool, or to the garbage collector). The buffer is never used again. */
  release(buffer: B): void;
  /**
   * Whether `release` should be called with this buffer once the last tensor viewing it is garbage-collected.
   * Saying yes keeps the buffer alive until the collector's cleanup task runs (it runs only when the event loop
   * turns), so a device whose memory the collector can free by itself may say no, or yes within a budget.
   * Absent means always.
   */
  releaseOnCollect?(buffer: B): boolean;
  /** Device buffers held for tensors and their bytes, and bytes kept free for reuse (see `memoryStats`). */
  memory(): { buffers: number; bytes: number; pooledBytes?: number };

  /** out[i] = value. */
  fill(out: View<B>, value: number): void;
  /** out[i] = x[i], converting between dtypes. */
  copy(out: View<B>, x: View<B>): void;
  /** out[i] = op(inputs[0][i], inputs[1][i], …, params), for an op of the elementwise table. */
  map(op: ElementwiseOp, out: View<B>, inputs: readonly View<B>[], params: readonly number[]): void;
  /** Reduces `x` over `dims`; `out` has x's shape with those dims set to 1. */
  reduce(op: ReduceOp, out: View<B>, x: View<B>, dims: readonly number[]): void;
  /** Index (int32) of the first extreme value along `dim`; `out` has x's shape with `dim` set to 1. */
  argReduce(op: ArgReduceOp, out: View<B>, x: View<B>, dim: number): void;
  /** Inclusive scan along `dim`; `out` has x's shape. */
  scan(op: ScanOp, out: View<B>, x: View<B>, dim: number): void;
  /** out = a @ b over the last two dims; leading (batch) dims are already broadcast to out's. */
  matmul(out: View<B>, a: View<B>, b: View<B>): void;
  /**
   * Optional: out = a @ b + bias, with bias (a vector of out's last dim) added to every row of each product once the
   * row is complete: the bits of `matmul` then `map('add')`, in one pass. Returns false where the backend has no
   * such kernel; the op layer then makes those two calls.
   */
  matmulBias?(out: View<B>, a: View<B>, b: View<B>, bias: View<B>): boolean;
  /** out[…i…] = x[…index[…i…]…] along `dim` (torch.gather); `index` is int32 with out's shape. */
  gather(out: View<B>, x: View<B>, dim: number, index: View<B>): void;
  /** out[…index[…i…]…] += src[…i…] along `dim` (torch.scatter_add_), correct when indices repeat. */
  scatterAdd(out: View<B>, dim: number, index: View<B>, src: View<B>): void;
  /**
   * Optional: Adam's updates of one parameter in one pass, in place, with hyper = [b1, c1, b2, c2, stepSize, eps]:
   * m ← b1·m + c1·g; v ← b2·v + c2·g²; p ← p − stepSize·m / (√v + eps) — the same as map calls of scaleAdd,
   * scaleAddSquare and adamStep in turn. All four views have one shape. Returns false where the backend has no
   * such kernel for these views; the op layer then makes the three map calls.
   */
  adamUpdate?(param: View<B>, grad: View<B>, expAvg: View<B>, expAvgSq: View<B>, hyper: readonly number[]): boolean;
  /**
   * Optional: softmax or logSoftmax along `dim` in one kernel, forward (inputs [x]) or backward (inputs
   * [grad, output]: softmax's grad·y − y·Σ grad·y, logSoftmax's grad − exp(y)·Σ grad), into `out` of the
   * inputs' shape. Returns false where the backend has no such kernel for these views; the op layer then
   * composes it from `reduce` and `map`.
   */
  softmax?(kind: SoftmaxKind, out: View<B>, inputs: readonly View<B>[], dim: number): boolean;
  /**
   * Optional: the mean negative log-likelihood of class indices in one kernel: out (0-d) = −Σᵢ logp[i, target[i]] / N
   * for logp [N, C] and int32 target [N], summed in float64 in row order and rounded to out's dtype before the
   * division (the bits `gather`, `reduce` and `map` give). Throws a RangeError naming the first target outside
   * [0, C). Returns false where the backend has no such kernel; the op layer then composes it.
   */
  nllLossMean?(out: View<B>, logp: View<B>, target: View<B>): boolean;
  /**
   * Optional: scaled dot-product attention in one kernel, out = softmax(q·kᵀ·scale + mask)·v row by row, never
   * forming the [L, S] probabilities; also writes each row's log-sum-exp into `lse`. Returns false where the
   * backend has no kernel for these views; the op layer then composes it from matmul and softmax.
   */
  attention?(views: AttentionViews<B>): boolean;
  /**
   * Optional: the gradients of `attention` in one kernel, recomputing the probabilities from q, k and lse:
   * dv = Pᵀ·dout, dq = dS·k·scale, dk = dSᵀ·q·scale with dS = P ∘ (dout·vᵀ − rowsum(dout ∘ out)). Returns false
   * where it has none for these views; the op layer then composes the backward.
   */
  attentionBackward?(views: AttentionGradViews<B>): boolean;
  /**
   * Optional: layer normalisation of each row in one kernel. Returns false where the backend has none for these
   * views; the op layer then composes it from reductions and elementwise ops.
   */
  layerNorm?(views: LayerNormViews<B>): boolean;
  /** Optional: its gradients in one kernel: dx from dout, and dweight, dbias summed over the rows. */
  layerNormBackward?(views: LayerNormGradViews<B>): boolean;
}

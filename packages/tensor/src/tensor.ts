import type { AnyTypedArray, DType } from './dtype.js';
import { isDType, isFloat } from './dtype.js';
import { checkDTypeArg, looksLikeDType } from './dtype-arg.js';
import { toElement } from './convert.js';
import { checkIntegerPower, clampBounds, scaledByAlpha } from './ops/scalar-args.js';
import type { Device } from './device.js';
import { formatTensor } from './format.js';
import { isContiguous, normalizeDim, numel, type Shape } from './shape.js';
import type { Storage } from './storage.js';
import { checkUsable } from './released.js';
import { readValues, readValuesSync } from './ops/values.js';
import { transfer } from './ops/transfer.js';
import { cast, restride, viewOf, type TensorLike } from './ops/core.js';
import { clamp, elementwise, elementwiseInPlace, checkInPlace } from './ops/elementwise.js';
import * as red from './ops/reduction.js';
import * as vw from './ops/views.js';
import * as ix from './ops/indexing.js';
import { index, indexAsync, type IndexItem } from './ops/advanced-index.js';
import { dimAndKeepdim, reduceOptions, singleDim, varOptions, type ReduceArgs, type VarArgs } from './ops/arguments.js';
import { histc, type HistcArgs } from './ops/histogram.js';
import { guardDataMethod } from './data-method.js';
import { matmul } from './ops/linalg.js';
import { toNested, type Nested } from './ops/readback.js';
import { runBackward, type BackwardOptions } from './ops/record.js';
import { normal_, uniform_ } from './ops/random.js';
import type { Generator } from './random/generator.js';

/** A node of a recorded graph, as the differentiation package defines it; the tensor package only stores it. */
export interface GradNode {
  readonly name: string;
}

/**
 * An n-dimensional array on a device: the one type every typegrad package and user shares.
 *
 * A tensor is a view (shape, strides, offset) onto a {@link Storage}; reshapes, transposes, slices and
 * broadcasts make new views without copying. Ops return new tensors; methods ending in `_` write in place.
 * Reading values out is asynchronous (`await t.toArray()`), since a GPU computes in the background; the CPU also
 * offers `toArraySync()`.
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]]);
 * const y = x.matmul(x.T).softmax(-1);
 * console.log(y.toString());
 */
export class Tensor {
  /** Sizes of each dim. */
  readonly shape: readonly number[];
  /** Elements to step in storage per index of each dim. */
  readonly strides: readonly number[];
  /** Position of element [0, …, 0] in storage. */
  readonly offset: number;
  /** Whether gradients flow to this tensor (set by `requiresGrad_` or an op on such tensors). */
  requiresGrad = false;
  /** Accumulated gradient after `backward()`, for leaves (and tensors that `retainGrad()`). */
  grad: Tensor | null = null;
  /** The recorded op that produced this tensor, or null for a leaf. */
  gradFn: GradNode | null = null;

  /** @internal Use `tensor()`, `zeros()` and the other creation functions. */
  constructor(
    readonly storage: Storage,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
  ) {
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    storage.claim();
  }

  get dtype(): DType {
    return this.storage.dtype;
  }
  get device(): Device {
    return this.storage.backend.name;
  }
  /** Number of dims. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  get numel(): number {
    return numel(this.shape);
  }
  /** True for tensors not produced by a recorded op (user-created, or detached). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /** The size of one dim, or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    return dim === undefined ? [...this.shape] : this.shape[normalizeDim('size', dim, this.ndim)];
  }
  /** Whether the elements lie in row-major order with no gaps. */
  isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }
  /** Marks this leaf as needing gradients (floating dtypes only). */
  requiresGrad_(requires = true): this {
    if (requires && !isFloat(this.dtype)) throw new TypeError(`requiresGrad_: only tensors of floating point dtype can require gradients (got ${this.dtype})`);
    if (!requires && !this.isLeaf) throw new Error('requiresGrad_: you can only change requires_grad flags of leaf variables.');
    this.requiresGrad = requires;
    return this;
  }
  /** Whether `grad` is kept for this non-leaf tensor after backward (see `retainGrad`). */
  retainsGrad = false;
  /**
   * Computes the gradient of this tensor with respect to every leaf that requires grad, accumulating into their
   * `grad` (as PyTorch, gradients add up across calls until zeroed). A non-scalar needs `gradient`.
   * @example loss.backward(); w.grad
   */
  backward(gradient?: Tensor, opts: BackwardOptions = {}): void {
    runBackward(this, gradient, opts);
  }
  /** Keeps `grad` for this intermediate tensor after backward. */
  retainGrad(): this {
    if (!this.requiresGrad) throw new Error("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
    if (!this.isLeaf) this.retainsGrad = true;
    return this;
  }
  /** A view of the same data that is cut off from the recorded graph. */
  detach(): Tensor {
    return restride('detach', this, this.shape, this.strides);
  }
  /**
   * Gives up this tensor's hold on its memory, and makes the tensor unusable: reading it or passing it to an op is
   * an error. The memory goes back to the device at once when no other tensor shares it, else once every tensor
   * that shares it (its views, or the tensor it is a view of) is disposed or garbage-collected, so disposing a view
   * never takes its base's values away, nor disposing the base its views'. Calling it again does nothing.
   * @example
   * const v = base.narrow(0, 0, 2);
   * base.dispose();          // v still reads base's values
   * v.dispose();             // the memory goes back now
   */
  dispose(): void {
    if (this.isDisposed) return;
    (this as { storage: Storage }).storage = this.storage.disclaim();
  }
  /** True once `dispose()` has been called: the tensor can no longer be read or used. @example t.isDisposed */
  get isDisposed(): boolean {
    // a disposed tensor holds a released stand-in; memory released by disposals has no undisposed tensor left on it
    return this.storage.releaseReason === 'dispose';
  }

  // ---- reading values ----
  /**
   * The values as a contiguous typed array (a copy), on any device. A method, as in TensorFlow.js, not PyTorch's
   * `.data` tensor: `p.data.add_(…)` and the like throw, pointing to `noGrad(() => p.add_(…))` or `p.detach()`.
   * @example const values = await t.data();
   */
  async data(): Promise<AnyTypedArray> {
    return readValues('data', this);
  }
  /** `data()` for synchronous devices (the CPU); throws on others. @example const values = t.dataSync(); */
  dataSync(): AnyTypedArray {
    return this.readSync('dataSync', 'await data()');
  }
  /** The values as nested arrays (a number for a 0-d tensor; booleans for bool tensors). @example await t.toArray() */
  async toArray(): Promise<Nested> {
    return toNested(await readValues('toArray', this), this.shape, this.dtype);
  }
  /** `toArray()` for synchronous devices (the CPU). @example t.toArraySync() // [[1, 2], [3, 4]] */
  toArraySync(): Nested {
    return toNested(this.readSync('toArraySync', 'await toArray()'), this.shape, this.dtype);
  }
  private readSync(op: string, instead: string): AnyTypedArray {
    const b = this.storage.backend;
    if (!b.syncRead) throw new Error(`${op}: device '${b.name}' reads asynchronously; use ${instead} instead`);
    return readValuesSync(op, this);
  }
  /**
   * The value of a one-element tensor, as a Promise on every device (a GPU computes in the background), so it
   * must be awaited: an un-awaited `t.item()` is a Promise, not a number. On the CPU, {@link itemSync} reads at once.
   * @example const loss = await lossTensor.item();
   */
  async item(): Promise<number> {
    this.checkItem();
    return (await readValues('item', this))[0];
  }
  /**
   * The value of a one-element tensor, read synchronously: on the CPU only (a device that reads asynchronously
   * throws; use `await t.item()` there). In loops on the CPU, such as picking the next sample, this is the read to use.
   * @example const ix = multinomial(p, 1, { generator: g }).itemSync();
   */
  itemSync(): number {
    this.checkItem();
    return this.readSync('itemSync', 'await t.item()')[0];
  }
  private checkItem(): void {
    if (this.numel !== 1) throw new Error(`item: a Tensor with ${this.numel} elements cannot be converted to Scalar`);
  }
  /** PyTorch-style printout; shows values on synchronous devices, a placeholder elsewhere (use `await t.format()`). */
  toString(): string {
    checkUsable('toString', this);
    if (!this.storage.backend.syncRead) return `tensor(<${this.shape.join('x')} ${this.dtype} on ${this.device}; await t.format() to print>)`;
    return formatTensor(readValuesSync('toString', this), this.shape, this.dtype, this.printSuffixes());
  }
  /** PyTorch-style printout on any device. @example console.log(await t.format()) */
  async format(): Promise<string> {
    return formatTensor(await readValues('format', this), this.shape, this.dtype, this.printSuffixes());
  }
  private printSuffixes(): string[] {
    const s: string[] = [];
    if (this.device !== 'cpu') s.push(`device='${this.device}'`);
    if (this.gradFn) s.push(`grad_fn=<${this.gradFn.name}>`);
    else if (this.requiresGrad) s.push('requires_grad=True');
    return s;
  }

  // ---- conversion ----
  /** A copy on another device and/or with another dtype (this tensor itself when nothing changes). */
  to(target: Device | DType | { device?: Device; dtype?: DType }): Tensor {
    const opts = typeof target === 'string' ? (isDType(target) || looksLikeDType(target) ? { dtype: target as DType } : { device: target }) : target;
    let t: Tensor = this;
    if (opts.dtype !== undefined && checkDTypeArg('to', opts.dtype) !== t.dtype) t = cast(t, opts.dtype);
    if (opts.device !== undefined && opts.device !== t.device) t = transfer(t, opts.device);
    return t;
  }
  float() {
    return this.to('float32');
  }
  double() {
    return this.to('float64');
  }
  int() {
    return this.to('int32');
  }
  bool() {
    return this.to('bool');
  }
  /** A contiguous copy that differentiates as the identity. */
  clone() {
    return vw.copyOf(this);
  }
  /** This tensor when contiguous, else a contiguous copy. */
  contiguous() {
    return vw.contiguous(this);
  }

  // ---- elementwise (broadcasting, PyTorch dtype promotion) ----
  /** this + alpha·other (alpha defaults to 1). @example x.add(y, { alpha: -0.1 }) */
  add(other: TensorLike, opts?: { alpha?: number }): Tensor {
    return elementwise('add', [this, scaledByAlpha('add', this, other, opts?.alpha)]);
  }
  /** this − alpha·other (alpha defaults to 1). @example x.sub(1) */
  sub(other: TensorLike, opts?: { alpha?: number }): Tensor {
    return elementwise('sub', [this, scaledByAlpha('sub', this, other, opts?.alpha)]);
  }
  mul(other: TensorLike) {
    return elementwise('mul', [this, other]);
  }
  /** True division (ints give float32). */
  div(other: TensorLike) {
    return elementwise('div', [this, other]);
  }
  /** this ** exponent; an integer tensor to a negative integer power is an error, as in PyTorch. @example x.pow(2) */
  pow(exponent: TensorLike): Tensor {
    if (typeof exponent !== 'number') return elementwise('pow', [this, exponent]);
    return elementwise('powScalar', [this], [checkIntegerPower(this, exponent)]);
  }
  neg() {
    return elementwise('neg', [this]);
  }
  exp() {
    return elementwise('exp', [this]);
  }
  expm1() {
    return elementwise('expm1', [this]);
  }
  log() {
    return elementwise('log', [this]);
  }
  log1p() {
    return elementwise('log1p', [this]);
  }
  /** Base-2 logarithm (ints give float32). @example counts.div(counts.sum()).log2() */
  log2() {
    return elementwise('log2', [this]);
  }
  /** Base-10 logarithm (ints give float32). @example lrs.log10()  // the learning-rate exponents */
  log10() {
    return elementwise('log10', [this]);
  }
  sqrt() {
    return elementwise('sqrt', [this]);
  }
  rsqrt() {
    return elementwise('rsqrt', [this]);
  }
  square() {
    return elementwise('mul', [this, this]);
  }
  reciprocal() {
    return elementwise('reciprocal', [this]);
  }
  abs() {
    return elementwise('abs', [this]);
  }
  sign() {
    return elementwise('sign', [this]);
  }
  sin() {
    return elementwise('sin', [this]);
  }
  cos() {
    return elementwise('cos', [this]);
  }
  floor() {
    return elementwise('floor', [this]);
  }
  ceil() {
    return elementwise('ceil', [this]);
  }
  round() {
    return elementwise('round', [this]);
  }
  tanh() {
    return elementwise('tanh', [this]);
  }
  sigmoid() {
    return elementwise('sigmoid', [this]);
  }
  relu() {
    return elementwise('relu', [this]);
  }
  erf() {
    return elementwise('erf', [this]);
  }
  /** GELU; `approximate: 'tanh'` uses the tanh form. */
  gelu(opts?: { approximate?: 'none' | 'tanh' }) {
    return elementwise(opts?.approximate === 'tanh' ? 'geluTanh' : 'gelu', [this]);
  }
  maximum(other: TensorLike) {
    return elementwise('maximum', [this, other]);
  }
  minimum(other: TensorLike) {
    return elementwise('minimum', [this, other]);
  }
  /** Limits values to [min, max]; either may be omitted (null). */
  clamp(min?: TensorLike | null, max?: TensorLike | null) {
    return clamp(this, min, max);
  }
  eq(other: TensorLike) {
    return elementwise('eq', [this, other]);
  }
  ne(other: TensorLike) {
    return elementwise('ne', [this, other]);
  }
  lt(other: TensorLike) {
    return elementwise('lt', [this, other]);
  }
  le(other: TensorLike) {
    return elementwise('le', [this, other]);
  }
  gt(other: TensorLike) {
    return elementwise('gt', [this, other]);
  }
  ge(other: TensorLike) {
    return elementwise('ge', [this, other]);
  }
  logicalAnd(other: TensorLike) {
    return elementwise('logicalAnd', [this, other]);
  }
  logicalOr(other: TensorLike) {
    return elementwise('logicalOr', [this, other]);
  }
  logicalXor(other: TensorLike) {
    return elementwise('logicalXor', [this, other]);
  }
  logicalNot() {
    return elementwise('logicalNot', [this]);
  }
  isnan() {
    return elementwise('isnan', [this]);
  }
  isinf() {
    return elementwise('isinf', [this]);
  }
  /** This tensor where `condition` is true, else `other` (PyTorch's `x.where(cond, y)`). */
  where(condition: Tensor, other: TensorLike) {
    return elementwise('where', [condition, this, other]);
  }
  /** This tensor with `value` where `mask` is true. */
  maskedFill(mask: Tensor, value: TensorLike) {
    return ix.maskedFill(this, mask, value);
  }

  // ---- in place (for optimizers and initialisers) ----
  add_(other: TensorLike, opts?: { alpha?: number }): this {
    elementwiseInPlace('add', this, [scaledByAlpha('add_', this, other, opts?.alpha)]);
    return this;
  }
  sub_(other: TensorLike, opts?: { alpha?: number }): this {
    elementwiseInPlace('sub', this, [scaledByAlpha('sub_', this, other, opts?.alpha)]);
    return this;
  }
  mul_(other: TensorLike): this {
    elementwiseInPlace('mul', this, [other]);
    return this;
  }
  div_(other: TensorLike): this {
    elementwiseInPlace('div', this, [other]);
    return this;
  }
  clamp_(min?: number | null, max?: number | null): this {
    elementwiseInPlace('clamp', this, [], clampBounds('clamp_', this.dtype, min, max));
    return this;
  }
  maskedFill_(mask: Tensor, value: number): this {
    elementwiseInPlace('where', this, [mask, toElement('maskedFill_', value, this.dtype), this]);
    return this;
  }
  /** Copies `src` (broadcast, converted) into this tensor's memory. */
  copy_(src: Tensor): this {
    checkInPlace('copy_', this);
    checkUsable('copy_', this);
    checkUsable('copy_', src);
    const b = this.storage.backend;
    if (src.storage.backend !== b) src = transfer(src, this.device);
    b.copy(viewOf(this), viewOf(src, vw.expand(src, this.shape).shape));
    this.storage.version++;
    return this;
  }
  /** Fills in place; a value the dtype cannot hold (2**40 or NaN into int32) is an error, as in PyTorch. @example t.fill_(0) */
  fill_(value: number | boolean): this {
    checkInPlace('fill_', this);
    checkUsable('fill_', this);
    this.storage.backend.fill(viewOf(this), toElement('fill_', value, this.dtype));
    this.storage.version++;
    return this;
  }
  /** Fills in place with uniform samples on [from, to) (PyTorch's numbers for the same seed). */
  uniform_(from = 0, to = 1, opts?: { generator?: Generator }): this {
    uniform_(this, from, to, opts?.generator);
    return this;
  }
  /** Fills in place with normal samples (PyTorch's numbers for the same seed). */
  normal_(mean = 0, std = 1, opts?: { generator?: Generator }): this {
    normal_(this, mean, std, opts?.generator);
    return this;
  }
  zero_(): this {
    return this.fill_(0);
  }

  // ---- reductions ----
  // Each takes PyTorch's positional form, `x.sum(1, true)`, or an options object, `x.sum({ dim: 1, keepdim: true })`;
  // an argument of another type, or one too many, is a TypeError rather than silently dropped (see ops/arguments.ts).
  /**
   * Sum over dims (all when omitted); ints and bools sum in int32.
   * @example P.div(P.sum(1, true))         // rows that sum to 1: keepdim keeps [N, 1] so the division broadcasts
   */
  sum(...args: ReduceArgs) {
    return red.sum(this, reduceOptions('sum', args));
  }
  /** Arithmetic mean over dims (float tensors). @example x.mean(0) */
  mean(...args: ReduceArgs) {
    return red.mean(this, reduceOptions('mean', args));
  }
  /** Product over dims. @example x.prod(1, true) */
  prod(...args: ReduceArgs) {
    return red.prod(this, reduceOptions('prod', args));
  }
  /** Max over dims (NaN propagates). @example x.amax([0, 1]) */
  amax(...args: ReduceArgs) {
    return red.amax(this, reduceOptions('amax', args));
  }
  /** Min over dims (NaN propagates). @example x.amin(-1, true) */
  amin(...args: ReduceArgs) {
    return red.amin(this, reduceOptions('amin', args));
  }
  /** Whether every element over the dims is nonzero. @example mask.all(1) */
  all(...args: ReduceArgs) {
    return red.all(this, reduceOptions('all', args));
  }
  /** Whether any element over the dims is nonzero. @example mask.any(1, true) */
  any(...args: ReduceArgs) {
    return red.any(this, reduceOptions('any', args));
  }
  /**
   * Max of all elements; `{ values, indices }` along a dim; or, given a tensor, the elementwise `maximum`.
   * @example const { values, indices } = x.max(1);
   */
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  max(...args: unknown[]): Tensor | { values: Tensor; indices: Tensor } {
    return this.extreme('max', args);
  }
  /**
   * Min of all elements; `{ values, indices }` along a dim; or, given a tensor, the elementwise `minimum`.
   * @example const { values, indices } = x.min(0, true);
   */
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(...args: unknown[]): Tensor | { values: Tensor; indices: Tensor } {
    return this.extreme('min', args);
  }
  private extreme(op: 'max' | 'min', args: unknown[]): Tensor | { values: Tensor; indices: Tensor } {
    if (args.length === 1 && args[0] instanceof Tensor) return elementwise(op === 'max' ? 'maximum' : 'minimum', [this, args[0]]);
    const { dim, keepdim } = dimAndKeepdim(op, args, false, EXTREME_FORMS);
    if (dim === undefined) return op === 'max' ? red.amax(this) : red.amin(this);
    return red.extremeAlong(op, this, dim, keepdim);
  }
  /** Index of the max along a dim, or of the flattened tensor when dim is omitted (int32). @example p.argmax(1) */
  argmax(dim?: number | null, keepdim?: boolean): Tensor;
  argmax(...args: unknown[]): Tensor {
    const { dim, keepdim } = dimAndKeepdim('argmax', args, true, ARG_FORMS);
    return red.argReduce('argmax', this, dim, keepdim);
  }
  /** Index of the min along a dim, or of the flattened tensor when dim is omitted (int32). @example d.argmin(-1) */
  argmin(dim?: number | null, keepdim?: boolean): Tensor;
  argmin(...args: unknown[]): Tensor {
    const { dim, keepdim } = dimAndKeepdim('argmin', args, true, ARG_FORMS);
    return red.argReduce('argmin', this, dim, keepdim);
  }
  /**
   * Variance over dims: PyTorch 1.13's `(dim, unbiased, keepdim)` (unbiased by default; `false` divides by n) or
   * `{ dim, correction, keepdim }`.
   * @example x.var(0, false)               // population variance of each column
   */
  var(...args: VarArgs) {
    return red.variance(this, varOptions('var', args));
  }
  /**
   * Standard deviation over dims, with var's arguments.
   * @example x.std(0, true)                // unbiased, along dim 0 (keepdim false), as in PyTorch
   */
  std(...args: VarArgs) {
    return red.std(this, varOptions('std', args));
  }
  /** log Σ exp over dims, computed without overflow. @example logits.logsumexp(1, true) */
  logsumexp(...args: ReduceArgs) {
    return red.logsumexp(this, ...args);
  }
  /** softmax along `dim`. @example logits.softmax(-1) */
  softmax(...args: [dim: number]) {
    return red.softmax(this, singleDim('softmax', args));
  }
  /** log(softmax) along `dim`, computed without overflow. @example logits.logSoftmax(1) */
  logSoftmax(...args: [dim: number]) {
    return red.logSoftmax(this, singleDim('logSoftmax', args));
  }
  /** Inclusive cumulative sum along `dim`. @example counts.cumsum(0) */
  cumsum(...args: [dim: number]) {
    return red.cumsum(this, singleDim('cumsum', args));
  }
  /**
   * Histogram of the values in `bins` equal bins over [min, max] (the data's range when min = max): PyTorch's
   * `histc`, as `x.histc(bins, min, max)` or `x.histc({ bins, min, max })`. See {@link histc}.
   * @example x.histc({ bins: 10, min: -1, max: 1 })
   */
  histc(...args: HistcArgs): Tensor {
    return histc(this, ...args);
  }

  // ---- linear algebra ----
  matmul(other: Tensor) {
    return matmul(this, other);
  }

  // ---- views and shape ----
  reshape(...shape: number[] | [readonly number[]]) {
    return vw.reshape(this, shapeArg(shape));
  }
  view(...shape: number[] | [readonly number[]]) {
    return vw.view(this, shapeArg(shape));
  }
  permute(...dims: number[] | [readonly number[]]) {
    return vw.permute(this, shapeArg(dims));
  }
  transpose(dim0: number, dim1: number) {
    return vw.transpose(this, dim0, dim1);
  }
  /** Transpose of a matrix (0-d and 1-d tensors are returned as they are). */
  t(): Tensor {
    if (this.ndim > 2) throw new Error(`t: expects a tensor with <= 2 dimensions, but self is ${this.ndim}D`);
    return this.ndim < 2 ? this : vw.transpose(this, 0, 1);
  }
  /** The matrix transpose of a 2-d tensor (`t()`). */
  get T(): Tensor {
    return this.t();
  }
  /** Transpose of the last two dims (batched matrices). */
  get mT(): Tensor {
    return vw.transpose(this, -2, -1);
  }
  expand(...shape: number[] | [readonly number[]]) {
    return vw.expand(this, shapeArg(shape));
  }
  expandAs(other: Tensor) {
    return vw.expand(this, other.shape);
  }
  broadcastTo(shape: readonly number[]) {
    return vw.expand(this, shape);
  }
  narrow(dim: number, start: number, length: number) {
    return vw.narrow(this, dim, start, length);
  }
  /** Python-style slice along one dim: `x.slice(1, 0, 10, 2)` is `x[:, 0:10:2]`. */
  slice(dim: number, start?: number | null, end?: number | null, step = 1) {
    return vw.slice(this, dim, start, end, step);
  }
  select(dim: number, index: number) {
    return vw.select(this, dim, index);
  }
  squeeze(dim?: number | readonly number[]) {
    return vw.squeeze(this, dim);
  }
  unsqueeze(dim: number) {
    return vw.unsqueeze(this, dim);
  }
  flatten(startDim = 0, endDim = -1) {
    return vw.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: readonly number[]) {
    return vw.unflatten(this, dim, sizes);
  }
  split(sizes: number | readonly number[], dim = 0) {
    return ix.split(this, sizes, dim);
  }
  chunk(chunks: number, dim = 0) {
    return ix.chunk(this, chunks, dim);
  }
  /**
   * NumPy/PyTorch indexing: integers select, `':'`/`'a:b:c'` strings or `{ start, stop, step }` slice, `null` adds a
   * dim, `'...'` skips dims, int32 tensors pick elements (advanced indexing), bool tensors mask.
   * @example C.index(X)              // C[X], the embedding lookup
   * @example x.index(':', 0)          // x[:, 0]
   * @example x.index('...', '1:', null)
   */
  index(...items: IndexItem[]) {
    return index(this, items);
  }
  /**
   * `index(...)` on any device: bool masks (whose true count sets the result's size) are read first, so this
   * works on a GPU where `index` with a mask would need a synchronous read.
   * @example const kept = await x.indexAsync(x.gt(0));
   */
  indexAsync(...items: IndexItem[]): Promise<Tensor> {
    return indexAsync(this, items);
  }

  // ---- indexing ----
  gather(dim: number, idx: Tensor) {
    return ix.gather(this, dim, idx);
  }
  indexSelect(dim: number, idx: Tensor) {
    return ix.indexSelect(this, dim, idx);
  }
  scatterAdd(dim: number, idx: Tensor, src: Tensor) {
    return ix.scatterAdd(this, dim, idx, src);
  }
  indexAdd(dim: number, idx: Tensor, src: Tensor) {
    return ix.indexAdd(this, dim, idx, src);
  }
  tril(k = 0) {
    return ix.tril(this, k);
  }
  triu(k = 0) {
    return ix.triu(this, k);
  }
}

const EXTREME_FORMS = ['()', '(other), with other a tensor', '(dim, keepdim?), with dim an integer and keepdim a boolean'];
const ARG_FORMS = ['()', '(dim, keepdim?), with dim an integer (or null for every element) and keepdim a boolean'];

// once the class exists: the guard wraps its data method (see data-method.ts)
guardDataMethod(Tensor.prototype);

function shapeArg(args: number[] | [readonly number[]]): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

export type { Shape };

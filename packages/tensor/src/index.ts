/**
 * @typegrad/tensor — n-dimensional arrays for typegrad.
 * @packageDocumentation
 */
export { Tensor, type GradNode } from './tensor.js';
export { toDevice } from './ops/transfer.js';
export type { DType, AnyTypedArray } from './dtype.js';
export { promoteTypes, isFloat, DEFAULT_FLOAT, DEFAULT_INT } from './dtype.js';
export { type Device, setDefaultDevice, getDefaultDevice, registerBackend, unregisterBackend, getBackend, availableDevices } from './device.js';
export type { Backend, View, ReduceOp, ArgReduceOp, ScanOp, SoftmaxKind, AttentionViews, AttentionGradViews, LayerNormViews, LayerNormGradViews } from './backend.js';
export { Storage, memoryStats, releaseTemporaries, type MemoryStats, type ReleaseReason } from './storage.js';
export { ELEMENTWISE, type ElementwiseOp, type ElementwiseOpDef } from './ops/elementwise-table.js';
export { broadcastShapes, type Shape } from './shape.js';
export { resultType, type TensorLike } from './ops/core.js';
export { setOpRecorder, setBackwardEngine, record, isGradEnabled, setGradEnabled, type OpRecorder, type BackwardEngine, type BackwardOptions } from './ops/record.js';
export { tensor, zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye, type TensorOptions, type NestedArray, type ShapeLike } from './ops/creation.js';
export { rand, randn, randint, randperm, multinomial, multinomialAsync, bernoulli, dropoutMask, randLike, randnLike, type RandomOptions } from './ops/random.js';
export { Generator, defaultGenerator, manualSeed, type GeneratorState } from './random/generator.js';
export { MT19937 } from './random/mt19937.js';
export { cat, stack, split, chunk, gather, indexSelect, scatterAdd, indexAdd, tril, triu, maskedFill } from './ops/indexing.js';
export { oneHot, oneHotAsync, maskedSelect, maskedSelectAsync, nonzero, nonzeroAsync, indexAsync, type IndexItem, type SliceSpec } from './ops/advanced-index.js';
export { matmul, linear } from './ops/linalg.js';
export { scaledDotProductAttention, scaledDotProductAttentionBackward, type AttentionOptions } from './ops/attention.js';
export { layerNorm, layerNormBackward, type LayerNormOptions } from './ops/normalization.js';
export { setCpuKernels, cpuKernels, type CpuKernelChoice } from './backends/cpu/wasm/select.js';
export { setCpuThreads, cpuThreads } from './backends/cpu/wasm/threads.js';
export { softmax, logSoftmax, softmaxBackward, logSoftmaxBackward, logsumexp, type ReduceOptions, type ReduceArg, type VarOptions } from './ops/reduction.js';
export { meanCrossEntropy, meanCrossEntropyBackward } from './ops/cross-entropy.js';
export type { Dims, ReduceArgs, VarArgs } from './ops/arguments.js';
export { histc, histcAsync, histogram, histogramAsync, type HistcOptions, type HistcArgs, type HistogramOptions, type HistogramArgs, type Histogram } from './ops/histogram.js';
export { clamp, elementwise } from './ops/elementwise.js';
export { fused } from './ops/fused.js';
export { formatTensor, type FormatOptions } from './format.js';
export type { Nested } from './ops/readback.js';

import { elementwise } from './ops/elementwise.js';
import type { Tensor } from './tensor.js';
import type { TensorLike } from './ops/core.js';

/** `cond ? a : b` elementwise, with broadcasting. @example where(x.gt(0), x, 0) */
export const where = (condition: Tensor, a: TensorLike, b: TensorLike): Tensor => elementwise('where', [condition, a, b]);
/** Elementwise larger of two tensors (NaN propagates). */
export const maximum = (a: Tensor, b: TensorLike): Tensor => elementwise('maximum', [a, b]);
/** Elementwise smaller of two tensors (NaN propagates). */
export const minimum = (a: Tensor, b: TensorLike): Tensor => elementwise('minimum', [a, b]);

/**
 * @typegrad/nn — neural-network building blocks: `Module`, layers, losses, initialisation, state dicts.
 * @packageDocumentation
 */
import '@typegrad/autograd';

export { Module, type LoadOptions, type LoadResult } from './module.js';
export { parameter, buffer, isParameter, isBuffer } from './parameter.js';
export { Linear } from './layers/linear.js';
export { Embedding } from './layers/embedding.js';
export { ReLU, Tanh, Sigmoid, GELU, Softmax, Dropout, Flatten } from './layers/activation.js';
export { LayerNorm, BatchNorm1d } from './layers/normalization.js';
export { Sequential, ModuleList, ModuleDict } from './layers/containers.js';
export type { FactoryOptions } from './layers/util.js';
export { mseLoss, l1Loss } from './losses/regression.js';
export { crossEntropy, nllLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, accuracy, type ClassLossOptions } from './losses/classification.js';
export type { Reduction } from './losses/reduction.js';
/** PyTorch's `nn.init`: gains, fans and in-place initialisers (`init.kaimingNormal_(w)`). */
export * as init from './init/index.js';
export { serializeSafetensors, parseSafetensors, type LoadSafetensorsOptions, type SafetensorsContents } from './serialization/safetensors.js';

/**
 * PyTorch-compatible random numbers: a Mersenne Twister generator with
 * PyTorch's seeding and state, and typed-array fills matching PyTorch 1.13's
 * CPU kernels.
 *
 * @example
 * ```ts
 * import { Generator, normalFill } from './random/index.js';
 * const g = new Generator().manualSeed(2147483647);
 * const w = normalFill(g, new Float32Array(27 * 27)); // torch.randn((27, 27), generator=g)
 * ```
 *
 * @module
 */
export { MT19937, MT_STATE_SIZE, normalizeSeed } from './mt19937.js';
export { DEFAULT_SEED, Generator, defaultGenerator, manualSeed, type GeneratorState } from './generator.js';
export {
  bernoulliFill,
  dropoutMask,
  exponentialFill,
  normalFill,
  randintFill,
  randperm,
  uniformFill,
  type FloatArray,
  type MaskArray,
} from './distributions.js';
export { multinomial } from './multinomial.js';
export { topkIndices } from './topk.js';
export { avx2Log, avx2SinCos, fma32, fma64, sincosOut } from './floatmath.js';

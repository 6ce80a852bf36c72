/**
 * @typegrad/transformer — transformers on typegrad: multi-head attention with PyTorch's mask semantics, pre-LayerNorm
 * blocks, a GPT-style decoder (nanoGPT's names and initialisation), an encoder with a pooled classifier head, and
 * generation with a KV cache.
 * @packageDocumentation
 */
export { MultiHeadAttention, type MultiHeadAttentionOptions, type AttendOptions, type LayerCache } from './attention.js';
export { attentionMask, type MaskShape } from './masks.js';
export { MLP, type MLPOptions } from './mlp.js';
export { TransformerBlock, type BlockOptions } from './block.js';
export { GPT, type GPTConfig, type GPTOptions } from './gpt.js';
export { TransformerEncoder, EncoderClassifier, type EncoderConfig, type EncoderOptions, type ClassifierConfig } from './encoder.js';
export { initNanoGPT } from './init.js';
export { generate, filterLogits, type GenerateOptions, type CausalLM } from './generate.js';
export { languageModelLoss, configureOptimizer, nanoGPTLearningRate, trainStep, estimateLoss, type TrainStepOptions } from './training.js';

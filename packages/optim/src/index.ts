/**
 * @typegrad/optim — optimizers (SGD, Adam, AdamW), learning-rate schedulers, gradient clipping and a learning-rate
 * range finder, shaped like `torch.optim`.
 * @packageDocumentation
 */
export { Optimizer, type LrOptions, type ParamGroup, type ParamGroupInput, type Params, type ParamState, type OptimizerStateDict } from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { SparseAdam, type SparseAdamOptions } from './sparse-adam.js';
export { LRScheduler, type SchedulerStateDict } from './schedulers/scheduler.js';
export { StepLR, MultiStepLR, stepDecay, type StepLROptions, type MultiStepLROptions, type StepDecayOptions } from './schedulers/step.js';
export { LinearLR, type LinearLROptions } from './schedulers/linear.js';
export { CosineAnnealingLR, cosineWithWarmup, type CosineAnnealingLROptions, type CosineWithWarmupOptions } from './schedulers/cosine.js';
export { LambdaLR, type LrLambda } from './schedulers/lambda.js';
export { clipGradNorm, type ClipGradNormOptions } from './clip-grad.js';
export { findLearningRate, type FindLearningRateOptions, type LrFinderResult } from './lr-finder.js';

/**
 * makemore — character-level models of names, after the makemore lectures: the bigram count table, the one-layer
 * network and the MLP of Bengio et al. (2003), trained with typegrad. This entry has no Node-only imports: it
 * runs in the browser (fetch the names and call `parseNames`) as well as in Node.
 * @packageDocumentation
 */
export { type ModelKind, type ModelConfig, type MlpInit, type BigramInput, MODEL_KINDS, modelConfig } from './models/config.js';
export { type LanguageModel } from './models/language-model.js';
export { BigramCounts } from './models/bigram-counts.js';
export { BigramNet } from './models/bigram.js';
export { MLP } from './models/mlp.js';
export { CharTransformer } from './models/char-transformer.js';
export { createModel } from './models/create.js';
export { vocabularyOf, buildExamples, buildSequences, targetCount, IGNORE, type Examples } from './data/examples.js';
export { prepareData, withExamples, SPLIT_KINDS, type SplitKind, type PreparedData, type PrepareOptions } from './data/splits.js';
export { trainModel, evaluateAll, type OptimizerChoice, type TrainOptions, type TrainResult, type StepInfo, type EvalInfo } from './train/train.js';
export { evaluateLoss } from './train/evaluate.js';
export { sampleNames, generateNames, LECTURE_SEED, type SampleOptions } from './sample.js';
export { findLr, lrFinderPlot, type FindLrOptions } from './train/lr-find.js';
export { linePlot, scatterPlot, type Series, type LabelledPoint, type PlotOptions } from '@typegrad/app-kit';
export { embeddingPlot } from './plot/embedding.js';
export {
  encodeCheckpoint,
  decodeCheckpoint,
  saveGenerator,
  restoreGenerator,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointMeta,
  type CheckpointInfo,
  type LoadedCheckpoint,
  type TrainingState,
  type SavedGenerator,
} from './checkpoint/checkpoint.js';

/**
 * makemore — character-level models of names, after the makemore lectures: the bigram count table, the one-layer
 * network, the MLP of Bengio et al. (2003) and makemore's transformer; and text mode, nanoGPT's character-level GPT
 * on a stream of text. This entry has no Node-only imports: it runs in the browser (fetch the names and call
 * `parseNames`, or fetch a text and call `prepareText`) as well as in Node.
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
export { trainModel, evaluateAll, exampleBatches, type BatchSource, type OptimizerChoice, type TrainOptions, type TrainResult, type StepInfo, type EvalInfo } from './train/train.js';
export { evaluateLoss } from './train/evaluate.js';
export { sampleNames, generateNames, generateText, LECTURE_SEED, type SampleOptions, type TextSampleOptions } from './sample.js';
export { prepareText, textBatches, estimateTextLoss, type TextData } from './data/text.js';
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

/**
 * sentiment — the course's text-classification unit as a library: labelled texts (the UCI sentences that ship with
 * `@typegrad/datasets`, or any CSV/TSV), splits stratified by source and label and k folds, bags of words (counts or
 * tf-idf, words and pairs), three models — logistic regression on the bag, an embedding bag, a transformer encoder —
 * trained by one loop with early stopping, accuracy, macro-F1 and the confusion matrix, each prediction explained
 * token by token, and checkpoints. This entry has no Node-only imports: in a browser, `loadClassifier(url)` fetches
 * a trained checkpoint; `@typegrad/sentiment/node` reads and writes checkpoint files.
 * @packageDocumentation
 */
export { sentimentDataset, SENTIMENT_CLASSES, pick, classCounts, type LabelledText, type TextDataset } from './data/examples.js';
export { makeSplit, describeSplit, DEFAULT_SPLIT, type Split, type SplitSpec } from './data/splits.js';
export { parseLabelledTable, type TableColumns } from './data/table.js';
export { BagOfWords, tokenize, BAG_OF_WORDS_DEFAULTS, type BagOfWordsOptions, type BagOfWordsJSON, type SparseVector, type TermOccurrence, type AnalysedText } from './features/bag-of-words.js';
export { MODEL_KINDS, describeModel, type ModelKind, type ModelConfig, type BowLogRegConfig, type EmbeddingBagConfig, type EncoderModelConfig } from './models/config.js';
export { BowLogReg } from './models/bow-logreg.js';
export { EmbeddingBag } from './models/embedding-bag.js';
export { TextClassifier, type TextFeatures, type EncodedText, type ModelInput, type Prediction, type ClassifierModule } from './models/classifier.js';
export { createClassifier, createModule, defaultBagOfWords, DEFAULT_DROPOUT, type ModelOptions } from './models/create.js';
export { TRAINING_DEFAULTS, type TrainingDefaults } from './train/defaults.js';
export { trainClassifier, balancedWeights, type TrainOptions, type TrainResult, type EpochInfo } from './train/train.js';
export { evaluatePredictions, evaluateClassifier, meanStd, type Evaluation } from './eval/metrics.js';
export { explain, type Explanation, type TokenContribution } from './explain/explain.js';
export { encodeCheckpoint, decodeCheckpoint, readMeta, loadClassifier, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type CheckpointMeta, type CheckpointInfo, type TrainingInfo, type LoadOptions } from './checkpoint/checkpoint.js';

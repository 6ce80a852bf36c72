/** The command line's flags: their declarations (the parser and the help read them) and their checked values. */
import { choiceFlag, numberFlag, stringFlag, UsageError, type FlagSpec, type RawFlags } from '@typegrad/app-kit';
import { DEFAULT_SPLIT, type SplitSpec } from '../data/splits.js';
import { MODEL_KINDS, type ModelKind } from '../models/config.js';
import type { ModelOptions } from '../models/create.js';
import { TRAINING_DEFAULTS } from '../train/defaults.js';
import type { TrainOptions } from '../train/train.js';

const DATA_FLAGS: Record<string, FlagSpec> = {
  data: { type: 'string', value: 'file', help: 'a CSV or TSV of labelled texts (default: the 3,000 UCI sentiment sentences shipped with @typegrad/datasets)' },
  'text-col': { type: 'string', value: 'name', help: "--data: the column of the texts (default 'text')" },
  'label-col': { type: 'string', value: 'name', help: "--data: the column of the labels, any strings (default 'label')" },
  'source-col': { type: 'string', value: 'name', help: '--data: a column to stratify by and report accuracy per value of (optional)' },
};

const MODEL_FLAGS: Record<string, FlagSpec> = {
  ngrams: { type: 'string', value: '1|2', help: 'bow-logreg: words only, or words and adjacent pairs (default 2)' },
  weighting: { type: 'string', value: 'how', help: 'bow-logreg: nb (default with two classes: presence × naive-Bayes log-count ratio), count (default with more), or tfidf' },
  'min-freq': { type: 'string', value: 'n', help: 'bow-logreg: n-grams in at least n training texts (default 1 with nb, 2 otherwise); embedding-bag, encoder: words seen at least n times (default 1)' },
  dim: { type: 'string', value: 'n', help: 'embedding-bag: embedding width (default 64)' },
  tokens: { type: 'string', value: 'word|bpe', help: 'encoder: word tokens, or byte-level BPE trained on the training split (default word)' },
  'bpe-vocab': { type: 'string', value: 'n', help: 'encoder with BPE: vocabulary size (default 2000)' },
  layers: { type: 'string', value: 'n', help: 'encoder: layers (default 2)' },
  heads: { type: 'string', value: 'n', help: 'encoder: attention heads (default 4)' },
  width: { type: 'string', value: 'n', help: 'encoder: width (default 64)' },
  'max-length': { type: 'string', value: 'n', help: 'encoder: longest sequence in tokens, longer texts cut (default 64)' },
  dropout: { type: 'string', value: 'p', help: 'dropout (default bow-logreg 0 (on the input), embedding-bag 0.5 (on the pooled vector), encoder 0.1)' },
};

const TRAINING_FLAGS: Record<string, FlagSpec> = {
  epochs: { type: 'string', value: 'n', help: 'the most epochs; early stopping may end sooner (default bow-logreg 30, embedding-bag 20, encoder 10)' },
  'batch-size': { type: 'string', value: 'n', help: 'texts per step (default 32)' },
  lr: { type: 'string', value: 'x', help: "AdamW's learning rate (default bow-logreg 0.01, embedding-bag 0.005, encoder 0.001)" },
  'weight-decay': { type: 'string', value: 'x', help: "AdamW's decoupled weight decay on the weight matrices (default bow-logreg 0.1, the others 0.01)" },
  patience: { type: 'string', value: 'n', help: 'stop after n epochs without a better dev accuracy, keeping the best weights; 0 never stops early (default 3)' },
  monitor: { type: 'string', value: 'what', help: 'the dev figure early stopping watches: accuracy (default; ties go to the lower loss) or loss' },
  'class-weights': { type: 'string', value: 'how', help: 'none (default) or balanced: each class weighted by n / (classes × its count)' },
  seed: { type: 'string', value: 'n', help: 'seed of the weights, the batches and dropout (default 42)' },
  'split-seed': { type: 'string', value: 'n', help: 'seed of the stratified split (default 42)' },
  plain: { type: 'boolean', help: 'plain progress lines even on a terminal' },
};

const CHECKPOINT: FlagSpec = { type: 'string', value: 'path', help: 'the checkpoint: path.json and the files it names (default runs/bow-logreg)' };

/** The commands and their flags: the single source of the parser and the help. */
export const COMMANDS = {
  train: {
    summary: 'train a model on a stratified split; print accuracy, macro-F1, the confusion matrix and accuracy per source on test; save a checkpoint',
    flags: {
      model: { type: 'string', value: 'kind', help: 'bow-logreg (default), embedding-bag or encoder' },
      ...DATA_FLAGS,
      split: { type: 'string', value: 'how', help: 'holdout: stratified 70/15/15 (default), or kfold: test on --fold of --folds, early-stop on the next' },
      folds: { type: 'string', value: 'k', help: 'kfold: the number of folds (default 10)' },
      fold: { type: 'string', value: 'i', help: 'kfold: the fold tested, 1 to k (default 1)' },
      ...MODEL_FLAGS,
      ...TRAINING_FLAGS,
      out: { type: 'string', value: 'path', help: 'checkpoint to write: path.json + its weights and tokenizer (default runs/<model>)' },
    },
  },
  compare: {
    summary: 'train every model on each of k stratified folds and print the mean ± std of accuracy and macro-F1 in one table',
    flags: {
      models: { type: 'string', value: 'a,b', help: 'the models (default bow-logreg,embedding-bag,encoder)' },
      ...DATA_FLAGS,
      folds: { type: 'string', value: 'k', help: 'the number of folds (default 10)' },
      format: { type: 'string', value: 'how', help: 'the table as markdown (default) or csv' },
      out: { type: 'string', value: 'file', help: 'also write the table to this file' },
      ...MODEL_FLAGS,
      ...TRAINING_FLAGS,
    },
  },
  predict: {
    summary: "a text's label, its probability, and each token's contribution to it",
    positionals: [{ name: 'text', help: 'the text to classify', required: true }],
    flags: {
      checkpoint: CHECKPOINT,
      json: { type: 'boolean', help: 'print the prediction and contributions as JSON (what the page draws)' },
      color: { type: 'string', value: 'when', help: 'colour tokens by contribution: auto (on a terminal, default), always or never' },
    },
  },
} satisfies Record<string, { summary: string; flags: Record<string, FlagSpec>; positionals?: { name: string; help: string; required?: boolean }[] }>;

/** The model kind. @example modelFlag({ model: 'encoder' }) // 'encoder' */
export const modelFlag = (flags: RawFlags): ModelKind => choiceFlag(flags, 'model', MODEL_KINDS, 'bow-logreg');

const int = (flags: RawFlags, name: string) => (flags[name] === undefined ? undefined : numberFlag(flags, name, 0, { integer: true, min: 1 }));

/** A model's shape from the flags, each refused where the model has no such part. */
export function modelOptions(flags: RawFlags, kinds: readonly ModelKind[]): ModelOptions {
  const only = (names: string[], allowed: ModelKind[]) => {
    for (const name of names) if (flags[name] !== undefined && !kinds.some((k) => allowed.includes(k))) throw new UsageError(`--${name} applies to ${allowed.join(' and ')}, not ${kinds.join(', ')}`);
  };
  only(['ngrams', 'weighting'], ['bow-logreg']);
  only(['dim'], ['embedding-bag']);
  only(['tokens', 'bpe-vocab', 'layers', 'heads', 'width', 'max-length'], ['encoder']);
  const ngrams = flags.ngrams === undefined ? undefined : (Number(choiceFlag(flags, 'ngrams', ['1', '2'], '2')) as 1 | 2);
  const weighting = flags.weighting === undefined ? undefined : choiceFlag(flags, 'weighting', ['count', 'tfidf', 'nb'] as const, 'count');
  const minFrequency = int(flags, 'min-freq');
  const dropout = flags.dropout === undefined ? undefined : numberFlag(flags, 'dropout', 0, { min: 0 });
  if (dropout !== undefined && dropout >= 1) throw new UsageError(`--dropout must be below 1, got ${dropout}`);
  const width = int(flags, 'width');
  const heads = int(flags, 'heads');
  if (width !== undefined || heads !== undefined) {
    if ((width ?? 64) % (heads ?? 4) !== 0) throw new UsageError(`--width (${width ?? 64}) must be a multiple of --heads (${heads ?? 4})`);
  }
  const bow = Object.fromEntries(Object.entries({ ngrams, weighting, minFrequency }).filter(([, v]) => v !== undefined));
  return {
    dropout,
    bow,
    minFrequency,
    dim: int(flags, 'dim'),
    tokens: flags.tokens === undefined ? undefined : choiceFlag(flags, 'tokens', ['word', 'bpe'] as const, 'word'),
    bpeVocab: flags['bpe-vocab'] === undefined ? undefined : numberFlag(flags, 'bpe-vocab', 0, { integer: true, min: 258 }),
    layers: int(flags, 'layers'),
    heads,
    width,
    maxLength: int(flags, 'max-length'),
  };
}

/** The training settings of a run (the generator and callbacks are added by the caller). */
export type TrainSettings = Omit<TrainOptions, 'generator' | 'onStep' | 'onEpoch' | 'signal' | 'classWeights'> & { classWeights: 'none' | 'balanced'; seed: number; plain: boolean };

/** The training settings from the flags, with `kind`'s defaults. */
export function trainSettings(flags: RawFlags, kind: ModelKind): TrainSettings {
  const d = TRAINING_DEFAULTS[kind];
  return {
    epochs: numberFlag(flags, 'epochs', d.epochs, { integer: true, min: 1 }),
    batchSize: numberFlag(flags, 'batch-size', d.batchSize, { integer: true, min: 1 }),
    lr: numberFlag(flags, 'lr', d.lr, { positive: true }),
    weightDecay: numberFlag(flags, 'weight-decay', d.weightDecay, { min: 0 }),
    patience: numberFlag(flags, 'patience', d.patience, { integer: true, min: 0 }),
    monitor: choiceFlag(flags, 'monitor', ['accuracy', 'loss'] as const, 'accuracy'),
    classWeights: choiceFlag(flags, 'class-weights', ['none', 'balanced'] as const, 'none'),
    seed: numberFlag(flags, 'seed', 42, { integer: true, min: 0 }),
    plain: flags.plain === true,
  };
}

/** `train`'s split: holdout 70/15/15, or one fold of k. */
export function splitFlags(flags: RawFlags): SplitSpec {
  const kind = choiceFlag(flags, 'split', ['holdout', 'kfold'], 'holdout');
  const seed = numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 });
  if (kind === 'holdout') {
    for (const name of ['folds', 'fold']) if (flags[name] !== undefined) throw new UsageError(`--${name} applies to --split kfold`);
    return { ...DEFAULT_SPLIT, seed } as SplitSpec;
  }
  const folds = numberFlag(flags, 'folds', 10, { integer: true, min: 3 });
  const fold = numberFlag(flags, 'fold', 1, { integer: true, min: 1 });
  if (fold > folds) throw new UsageError(`--fold must be 1 to ${folds}, got ${fold}`);
  return { kind: 'kfold', folds, fold: fold - 1, seed };
}

export { numberFlag, stringFlag, choiceFlag, UsageError, TRAINING_DEFAULTS, type RawFlags };

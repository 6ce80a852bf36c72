/** Building a classifier of each kind: its vocabulary or tokenizer from the training texts, then its weights. */
import { BpeTokenizer, WordTokenizer } from '@typegrad/tokenizers';
import { EncoderClassifier } from '@typegrad/transformer';
import type { Generator } from '@typegrad/tensor';
import { BagOfWords, type BagOfWordsOptions } from '../features/bag-of-words.js';
import { BowLogReg } from './bow-logreg.js';
import { TextClassifier, type ClassifierModule, type TextFeatures } from './classifier.js';
import type { ModelConfig, ModelKind } from './config.js';
import { EmbeddingBag } from './embedding-bag.js';

/**
 * The shape of a model and of its text features; each kind reads its own fields.
 * @example { dim: 64, dropout: 0.3, minFrequency: 1 }
 */
export interface ModelOptions {
  /** Dropout (bow-logreg: on the input vector; embedding-bag: on the pooled vector; encoder: everywhere). Defaults 0, 0.5, 0.1. */
  dropout?: number;
  /** bow-logreg's vectors. */
  bow?: Partial<BagOfWordsOptions>;
  /** Word vocabularies (embedding-bag, encoder with word tokens): words seen at least this often. Default 1. */
  minFrequency?: number;
  /** embedding-bag: the embedding width. Default 64. */
  dim?: number;
  /** encoder: 'word' (default) or 'bpe' (byte-level BPE trained on the training texts). */
  tokens?: 'word' | 'bpe';
  /** encoder with BPE: the vocabulary size. Default 2000. */
  bpeVocab?: number;
  /** encoder: layers, heads, width, longest sequence. Defaults 2, 4, 64, 64. */
  layers?: number;
  heads?: number;
  width?: number;
  maxLength?: number;
}

/** Each kind's default dropout. */
export const DEFAULT_DROPOUT: Record<ModelKind, number> = { 'bow-logreg': 0, 'embedding-bag': 0.5, encoder: 0.1 };

/** The module for a config (weights drawn from `generator`; a checkpoint's replace them). */
export function createModule(config: ModelConfig, generator?: Generator): ClassifierModule {
  if (config.kind === 'bow-logreg') return new BowLogReg(config, generator);
  if (config.kind === 'embedding-bag') return new EmbeddingBag(config, generator);
  const { vocabSize, maxLength, nLayer, nHead, nEmbd, numClasses, dropout } = config;
  return new EncoderClassifier({ vocabSize, maxLength, nLayer, nHead, nEmbd, numClasses, dropout, pooling: 'mean' }, { generator });
}

/** The text features of a kind, learned from the training texts. */
function fitFeatures(kind: ModelKind, texts: readonly string[], o: ModelOptions, labels?: readonly number[]): TextFeatures {
  if (kind === 'bow-logreg') return BagOfWords.fit(texts, o.bow, labels);
  if (kind === 'encoder' && o.tokens === 'bpe') return BpeTokenizer.train(texts.join('\n'), { vocabSize: o.bpeVocab ?? 2000, specialTokens: ['<pad>'] });
  return WordTokenizer.fromCorpus(texts, { minFrequency: o.minFrequency ?? 1 });
}

/**
 * bow-logreg's features where the options say nothing else: with the training labels of two classes, every n-gram's
 * presence times its naive-Bayes ratio (the best of the settings tried over ten folds of the shipped sentences; see
 * the README); without labels, or with more classes, counts of n-grams in at least two texts.
 */
export function defaultBagOfWords(classes: readonly string[], trainLabels?: readonly number[]): Partial<BagOfWordsOptions> {
  return trainLabels !== undefined && classes.length === 2 ? { weighting: 'nb', minFrequency: 1 } : {};
}

/**
 * A new classifier of `kind` for `classes`, its vocabulary fitted on `trainTexts` (with their labels, which
 * bow-logreg's 'nb' weighting needs: see {@link defaultBagOfWords}), its weights drawn from `generator`.
 * @example const classifier = createClassifier('embedding-bag', trainTexts, ['negative', 'positive'], {}, new Generator().manualSeed(42));
 * @example const classifier = createClassifier('bow-logreg', trainTexts, ['negative', 'positive'], {}, generator, trainLabels);
 */
export function createClassifier(kind: ModelKind, trainTexts: readonly string[], classes: readonly string[], o: ModelOptions, generator: Generator, trainLabels?: readonly number[]): TextClassifier {
  const bow = o.bow?.weighting === undefined ? { ...defaultBagOfWords(classes, trainLabels), ...o.bow } : o.bow;
  const features = fitFeatures(kind, trainTexts, { ...o, bow }, trainLabels);
  const numClasses = classes.length;
  const dropout = o.dropout ?? DEFAULT_DROPOUT[kind];
  let config: ModelConfig;
  if (features instanceof BagOfWords) config = { kind: 'bow-logreg', numFeatures: features.size, numClasses, dropout };
  else if (kind === 'embedding-bag') config = { kind, vocabSize: features.vocabSize, dim: o.dim ?? 64, numClasses, dropout };
  else {
    const longest = Math.max(1, ...trainTexts.map((t) => features.encode(t, { disallowedSpecial: [] }).length));
    const maxLength = Math.min(o.maxLength ?? 64, longest);
    config = { kind: 'encoder', vocabSize: features.vocabSize, maxLength, nLayer: o.layers ?? 2, nHead: o.heads ?? 4, nEmbd: o.width ?? 64, numClasses, dropout };
  }
  return new TextClassifier(config, createModule(config, generator), features, classes);
}

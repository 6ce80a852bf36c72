import { lectureSplit, type TrainDevTest } from '@typegrad/datasets';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { buildExamples, vocabularyOf, type Examples } from './examples.js';

/** The names split three ways and turned into examples, with the vocabulary. */
export interface PreparedData {
  vocab: CharTokenizer;
  words: TrainDevTest<string>;
  splits: { train: Examples; dev: Examples; test: Examples };
}

/** How to split. @example { seed: 42, blockSize: 3 } */
export interface PrepareOptions {
  /** Context length of the examples. */
  blockSize: number;
  /** Python's `random.seed` for the shuffle. Default 42, the lecture's. */
  seed?: number;
  /** The vocabulary to encode with (a checkpoint's); default: the names' own. */
  vocab?: CharTokenizer;
}

/**
 * The lecture's data pipeline: the vocabulary of all the names, `random.seed(42); random.shuffle(words)`, the
 * 80/10/10 cut, and `build_dataset` on each part. On the shipped names: 182,625 / 22,655 / 22,866 examples
 * with block size 3, as in the lecture.
 * @example const { vocab, splits } = prepareData(names, { blockSize: 3 });
 */
export function prepareData(names: readonly string[], options: PrepareOptions): PreparedData {
  const vocab = options.vocab ?? vocabularyOf(names);
  const words = lectureSplit(names, { seed: options.seed ?? 42 });
  const build = (list: string[]) => buildExamples(list, vocab, options.blockSize);
  return { vocab, words, splits: { train: build(words.train), dev: build(words.dev), test: build(words.test) } };
}

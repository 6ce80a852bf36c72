import { lectureSplit, type TrainDevTest } from '@typegrad/datasets';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { buildExamples, buildSequences, vocabularyOf, type Examples } from './examples.js';

/** The names split three ways and turned into examples, with the vocabulary. */
export interface PreparedData {
  vocab: CharTokenizer;
  words: TrainDevTest<string>;
  splits: { train: Examples; dev: Examples; test: Examples };
}

/**
 * How the names are divided: 'lecture' is the MLP lecture's shuffled 80/10/10 train/dev/test cut; 'none' trains on
 * every name, as the bigram lecture counts them all (dev and test are then empty).
 */
export type SplitKind = 'lecture' | 'none';

/** The fewest names the lecture's split cuts into three non-empty parts (int(0.8 n) and int(0.9 n) apart). */
export const MIN_LECTURE_SPLIT = 6;

/** The split kinds, for flags and checks. */
export const SPLIT_KINDS: readonly SplitKind[] = ['lecture', 'none'];

/** How to split. @example { seed: 42, blockSize: 3 } */
export interface PrepareOptions {
  /** Context length of the examples. */
  blockSize: number;
  /** 'lecture' (default) or 'none'. */
  split?: SplitKind;
  /** Python's `random.seed` for the shuffle. Default 42, the lecture's. */
  seed?: number;
  /** The vocabulary to encode with (a checkpoint's); default: the names' own. */
  vocab?: CharTokenizer;
  /** Whole names as sequences with a target at every position (the transformer's data), instead of contexts. */
  sequences?: boolean;
}

/**
 * The lecture's data pipeline: the vocabulary of all the names, `random.seed(42); random.shuffle(words)`, the
 * 80/10/10 cut, and `build_dataset` on each part. On the shipped names: 182,625 / 22,655 / 22,866 examples
 * with block size 3, as in the lecture. With `split: 'none'` every name is a training example, in the file's order.
 * @example const { vocab, splits } = prepareData(names, { blockSize: 3 });
 * @example const all = prepareData(names, { blockSize: 1, split: 'none' }); // the bigram lecture's 228,146 bigrams
 */
export function prepareData(names: readonly string[], options: PrepareOptions): PreparedData {
  const vocab = options.vocab ?? vocabularyOf(names);
  const split = options.split ?? 'lecture';
  if (!SPLIT_KINDS.includes(split)) throw new RangeError(`prepareData: split must be one of ${SPLIT_KINDS.join(', ')}, got ${JSON.stringify(split)}`);
  const words = split === 'none' ? { train: [...names], dev: [], test: [] } : lectureSplit(names, { seed: options.seed ?? 42 });
  if (names.length === 0) throw new RangeError('prepareData: there are no names to learn from');
  if (split === 'lecture' && (words.dev.length === 0 || words.test.length === 0)) {
    throw new RangeError(
      `prepareData: the 80/10/10 split of ${names.length} name${names.length === 1 ? '' : 's'} gives train ${words.train.length}, dev ${words.dev.length}, test ${words.test.length}; ` +
        `each part needs a name, which takes at least ${MIN_LECTURE_SPLIT} names (or split 'none', which trains on all of them)`,
    );
  }
  const build = (list: string[]) => (options.sequences ? buildSequences : buildExamples)(list, vocab, options.blockSize);
  return { vocab, words, splits: { train: build(words.train), dev: build(words.dev), test: build(words.test) } };
}

/** The sets that hold examples: with `split: 'none'`, dev and test hold none and have no loss to report. @example withExamples(splits) // { train } */
export function withExamples(sets: Record<string, Examples>): Record<string, Examples> {
  return Object.fromEntries(Object.entries(sets).filter(([, e]) => e.Y.shape[0] > 0));
}

import { PythonRandom } from './python-random.js';

/** The three parts of a split list. */
export interface TrainDevTest<T> {
  train: T[];
  dev: T[];
  test: T[];
}

/** Options of {@link lectureSplit}. */
export interface LectureSplitOptions {
  /** The seed of Python's `random.seed`. Default 42, the lecture's. */
  seed?: number;
  /** Fractions for train and train + dev. Default [0.8, 0.9], the lecture's 80/10/10. */
  cuts?: readonly [number, number];
  /** Shuffle before cutting. Default true. */
  shuffle?: boolean;
}

/**
 * The makemore lecture's train/dev/test split:
 *
 * ```python
 * random.seed(42)
 * random.shuffle(words)
 * n1 = int(0.8 * len(words)); n2 = int(0.9 * len(words))
 * words[:n1], words[n1:n2], words[n2:]
 * ```
 *
 * The shuffle is Python's own (Mersenne Twister, `random.shuffle`; see {@link PythonRandom}), so the three lists are
 * exactly the lecture's for the same words and seed. The input array is not changed.
 *
 * @example
 * const { train, dev, test } = lectureSplit(names); // 25,626 / 3,203 / 3,204 of the 32,033 names
 * train[0]; // 'yuheng', as in the lecture
 */
export function lectureSplit<T>(items: readonly T[], options: LectureSplitOptions = {}): TrainDevTest<T> {
  const { seed = 42, cuts = [0.8, 0.9], shuffle = true } = options;
  if (!(cuts[0] >= 0 && cuts[0] <= cuts[1] && cuts[1] <= 1)) throw new RangeError(`lectureSplit: cuts must satisfy 0 <= a <= b <= 1, got [${cuts.join(', ')}]`);
  const list = [...items];
  if (shuffle) new PythonRandom(seed).shuffle(list);
  const n1 = Math.trunc(cuts[0] * list.length); // Python's int(0.8 * n): the same float product, truncated
  const n2 = Math.trunc(cuts[1] * list.length);
  return { train: list.slice(0, n1), dev: list.slice(n1, n2), test: list.slice(n2) };
}

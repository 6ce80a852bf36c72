import { defaultGenerator, randperm, type Generator } from '@typegrad/tensor';
import { Subset, type Dataset } from './dataset.js';

/**
 * Split lengths from fractions as PyTorch 1.13 computes them: floor(fraction · n) each, then the items left over
 * go one at a time to the splits in order.
 * @example splitLengths(25, [0.8, 0.1, 0.1]) // [21, 2, 2]
 */
export function splitLengths(n: number, fractions: readonly number[]): number[] {
  const total = fractions.reduce((a, b) => a + b, 0);
  if (fractions.some((f) => !(f >= 0 && f <= 1)) || Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`randomSplit: fractions must each be in [0, 1] and sum to 1, got [${fractions.join(', ')}] (sum ${total})`);
  }
  const lengths = fractions.map((f) => Math.floor(n * f));
  let remainder = n - lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; remainder > 0; i = (i + 1) % lengths.length, remainder--) lengths[i] += 1;
  return lengths;
}

/**
 * Splits a data set into non-overlapping random subsets, as `torch.utils.data.random_split`: the items are
 * permuted with `randperm(n, { generator })` and cut into consecutive pieces, so the same seed gives the same
 * subsets as PyTorch. `lengths` are counts that sum to the data set's length, or fractions that sum to 1 (as in
 * PyTorch, lengths summing to 1 are read as fractions).
 *
 * @example
 * const [train, test] = randomSplit(dataset, [0.8, 0.2], { generator: new Generator().manualSeed(42) });
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], options: { generator?: Generator } = {}): Subset<T>[] {
  const n = dataset.length;
  const total = lengths.reduce((a, b) => a + b, 0);
  const isFractions = Math.abs(total - 1) <= 1e-9 && total <= 1; // PyTorch's test: math.isclose(sum, 1) and sum <= 1
  const counts = isFractions ? splitLengths(n, lengths) : [...lengths];
  if (counts.some((c) => !Number.isInteger(c) || c < 0)) throw new RangeError(`randomSplit: lengths must be non-negative integers or fractions, got [${lengths.join(', ')}]`);
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== n) throw new RangeError(`randomSplit: sum of input lengths (${sum}) does not equal the length of the input dataset (${n})`);
  const perm = Array.from(randperm(n, { generator: options.generator ?? defaultGenerator, device: 'cpu' }).dataSync());
  let offset = 0;
  return counts.map((c) => {
    const subset = new Subset(dataset, perm.slice(offset, offset + c));
    offset += c;
    return subset;
  });
}

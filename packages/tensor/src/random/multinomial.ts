/**
 * `torch.multinomial` on the CPU, reproducing PyTorch 1.13's two algorithms.
 *
 * @module
 */
import type { Generator } from './generator.js';
import { topkIndices } from './topk.js';

/**
 * Draws category indices like `torch.multinomial(probs, numSamples,
 * replacement, generator=gen)` for a `rows x categories` row-major input
 * (`rows = 1` for a 1-D tensor). Returns `rows * numSamples` indices.
 *
 * PyTorch 1.13 picks the algorithm by `replacement` alone:
 * - with replacement (including `numSamples = 1`, as in the makemore
 *   lectures): per row, a normalised cumulative sum in the input's precision,
 *   then for each sample one 53-bit uniform double and a binary search;
 * - without replacement: the exponential trick. One Exp(1) variate per
 *   element is drawn for the whole input first (`-log(1 - u)` from 53-bit
 *   uniforms, rounded to the input dtype), each probability is divided by its
 *   variate, and the result is `argmax` (one sample) or `topk` per row.
 *
 * Validation and messages follow PyTorch: negative, infinite or NaN
 * probabilities, all-zero rows, and `numSamples > categories` without
 * replacement throw. With replacement, rows are checked as they are reached,
 * so earlier rows have already consumed draws when a later one throws.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * const p = uniformFill(g, new Float32Array(3));
 * const s = p.reduce((a, b) => a + b);
 * multinomial(g, p.map((x) => x / s), 1, 3, 100, true);
 * ```
 */
export function multinomial(
  gen: Generator,
  probs: Float32Array | Float64Array,
  rows: number,
  categories: number,
  numSamples: number,
  replacement: boolean,
): Int32Array {
  for (const [name, v] of [['rows', rows], ['categories', categories], ['numSamples', numSamples]] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`multinomial: expected ${name} to be a non-negative integer, but got ${v}`);
    }
  }
  if (probs.length !== rows * categories) {
    throw new RangeError(
      `multinomial: expected probs to have rows * categories = ${rows * categories} elements, but got ${probs.length}`,
    );
  }
  if (numSamples <= 0) {
    throw new RangeError(`multinomial: cannot sample numSamples <= 0 samples (got ${numSamples})`);
  }
  if (categories === 0) {
    throw new RangeError('multinomial: expected at least one category');
  }
  if (!replacement && numSamples > categories) {
    throw new RangeError(
      `multinomial: cannot sample numSamples > categories without replacement (got numSamples=${numSamples}, categories=${categories})`,
    );
  }
  if (categories > 2 ** 24) {
    throw new RangeError(`multinomial: number of categories cannot exceed 2^24 (got ${categories})`);
  }
  const out = new Int32Array(rows * numSamples);
  if (rows === 0) return out;
  if (replacement) {
    withReplacement(gen, probs, rows, categories, numSamples, out);
  } else {
    withoutReplacement(gen, probs, rows, categories, numSamples, out);
  }
  return out;
}

function withReplacement(
  gen: Generator,
  probs: Float32Array | Float64Array,
  rows: number,
  categories: number,
  numSamples: number,
  out: Int32Array,
): void {
  // Same dtype as the input: float32 rows accumulate and normalise in float32.
  const cum = probs instanceof Float32Array ? new Float32Array(categories) : new Float64Array(categories);
  for (let r = 0; r < rows; r++) {
    const base = r * categories;
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const v = probs[base + j];
      if (!(v >= 0)) {
        throw new RangeError(
          `multinomial: invalid multinomial distribution (encountering probability entry < 0): expected probabilities >= 0, but got ${v} at row ${r}, column ${j}`,
        );
      }
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `multinomial: invalid multinomial distribution (encountering probability entry = infinity or NaN): expected finite probabilities, but got ${v} at row ${r}, column ${j}`,
        );
      }
      cum[j] = sum + v; // rounds to the row dtype on store
      sum = cum[j];
    }
    if (!(sum > 0)) {
      throw new RangeError(
        `multinomial: invalid multinomial distribution (sum of probabilities <= 0): expected a positive sum, but row ${r} sums to ${sum}`,
      );
    }
    for (let j = 0; j < categories; j++) cum[j] = cum[j] / sum;
    cum[categories - 1] = 1;
    for (let s = 0; s < numSamples; s++) {
      const u = gen.uniformDouble();
      // First slot whose cumulative probability is >= u.
      let left = 0;
      let right = categories;
      while (right - left > 0) {
        const mid = left + ((right - left) >> 1);
        if (cum[mid] < u) left = mid + 1;
        else right = mid;
      }
      out[r * numSamples + s] = left;
    }
  }
}

function withoutReplacement(
  gen: Generator,
  probs: Float32Array | Float64Array,
  rows: number,
  categories: number,
  numSamples: number,
  out: Int32Array,
): void {
  // All checks happen before any draw.
  for (let i = 0; i < probs.length; i++) {
    const v = probs[i];
    if (!(v >= 0 && v < Infinity)) {
      throw new RangeError(
        `multinomial: probability tensor contains either inf, nan or element < 0: expected finite probabilities >= 0, but got ${v} at row ${Math.floor(i / categories)}, column ${i % categories}`,
      );
    }
  }
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let j = 0; j < categories && !any; j++) any = probs[r * categories + j] > 0;
    if (!any) {
      throw new RangeError(
        `multinomial: invalid multinomial distribution (sum of probabilities <= 0): expected a positive sum, but row ${r} is all zeros`,
      );
    }
  }
  const n = probs.length;
  const q = probs instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  // Exp(1) variates for the whole input, then p / q (in the input dtype).
  for (let i = 0; i < n; i++) q[i] = -1 * Math.log(1 - gen.uniformDouble());
  for (let i = 0; i < n; i++) q[i] = probs[i] / q[i];
  for (let r = 0; r < rows; r++) {
    const base = r * categories;
    if (numSamples === 1) {
      // argmax: first maximum, a NaN beats everything.
      let best = 0;
      let bv = q[base];
      for (let j = 1; j < categories && bv === bv; j++) {
        const v = q[base + j];
        if (v !== v || v > bv) {
          best = j;
          bv = v;
        }
      }
      out[r] = best;
    } else {
      topkIndices(q, base, categories, numSamples, out, r * numSamples);
    }
  }
}

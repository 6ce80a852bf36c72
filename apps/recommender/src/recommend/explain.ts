/**
 * Why an item is recommended: which of the user's rated items pushed its score up most. For the factorisation
 * models the answer is exact, after Hu, Koren & Volinsky (2008, §5): with the item vectors fixed, the user vector
 * that least squares fits to the user's ratings is linear in them, u = (VᵀV + λI)⁻¹ Σⱼ vⱼ tⱼ, so an item's score
 * vᵢ·u is a sum of one share per rated item j: (vᵢᵀ (VᵀV + λI)⁻¹ vⱼ) · tⱼ, the item-item similarity the user's own
 * tastes define times what j's rating says beyond the biases. For the embedding network, which is not linear in
 * the user, a rated item's share is its embedding's cosine with the recommended item's times how far its rating
 * is above the user's mean.
 */
import type { RatingModel } from '../models/rating-model.js';
import { rawOffset } from '../models/rating-model.js';
import type { ItemRating } from './fold-in.js';
import { solveSpd } from './linear-algebra.js';

/** A rated item and how much it raised the recommended item's score (in the model's raw score, before squashing). */
export interface Reason {
  item: number;
  rating: number;
  share: number;
}

/** Options of {@link explainItem}. */
export interface ExplainOptions {
  /** Reasons to give (those with the largest positive shares). Default 3. */
  count?: number;
  /** Weight of ‖u‖² per rating, as in training (the least-squares fit's λ is reg × the number of ratings). Default 0.1. */
  reg?: number;
  /** The user's bias (known users: theirs; new users: from fold-in). Default 0. */
  userBias?: number;
  /** Every rated item's share, negative ones too (they add up to the score). Default false: the positive ones. */
  all?: boolean;
}

/** Rows of a [n, k] table as float64, for the host-side solve. */
function rowsOf(table: Float32Array, width: number, items: readonly number[]): Float64Array[] {
  return items.map((i) => Float64Array.from(table.subarray(i * width, (i + 1) * width)));
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * The rated items that pushed `target`'s score up most, largest share first (only positive shares).
 * @example explainItem(model, userRatings, recommended.item) // [{ item: 510, rating: 5, share: 0.41 }, …]
 */
export function explainItem(model: RatingModel, rated: readonly ItemRating[], target: number, options: ExplainOptions = {}): Reason[] {
  const { count = 3, reg = 0.1, userBias = 0, all = false } = options;
  if (rated.length === 0) return [];
  const table = model.itemEmbeddings();
  const width = table.shape[1];
  const values = table.contiguous().dataSync() as Float32Array;
  const vectors = rowsOf(values, width, rated.map((r) => r.item));
  const [v] = rowsOf(values, width, [target]);
  let shares: number[];
  if (model.config.kind === 'nn') {
    const mean = rated.reduce((s, r) => s + r.rating, 0) / rated.length;
    const norm = Math.hypot(...v);
    shares = vectors.map((vj, j) => (dot(v, vj) / (norm * Math.hypot(...vj) || 1)) * (rated[j].rating - mean));
  } else {
    const biases = model.config.kind === 'bpr' ? null : (model.itemBiases()?.dataSync() ?? null);
    const targets = rated.map((r) => (biases ? linearTarget(r.rating, model, userBias + biases[r.item]) : 1));
    // s = (VᵀV + λI)⁻¹ v: then the share of rated item j is (s·vⱼ) tⱼ
    const gram = new Float64Array(width * width);
    for (const vj of vectors) for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) gram[a * width + b] += vj[a] * vj[b];
    for (let a = 0; a < width; a++) gram[a * width + a] += reg * rated.length;
    const s = solveSpd(gram, v);
    shares = vectors.map((vj, j) => dot(s, vj) * targets[j]);
  }
  return rated
    .map((r, j) => ({ item: r.item, rating: r.rating, share: shares[j] }))
    .filter((r) => all || r.share > 0)
    .sort((a, b) => b.share - a.share)
    .slice(0, count);
}

/**
 * What a rating asks of the dot product: the raw score that squashes to it (its logit in the squashing range)
 * less the offset for μ and the biases.
 */
function linearTarget(rating: number, model: RatingModel, biases: number): number {
  const range = model.config.yRange;
  const raw = range ? Math.log((rating - range[0]) / (range[1] - rating)) : rating;
  return raw - rawOffset(model.config.mean, range) - biases;
}

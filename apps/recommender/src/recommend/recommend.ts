/** Top-N recommendations: the items a user has not seen, best first, with the model's predicted rating (or score). */
import { noGrad } from '@typegrad/autograd';
import { arange, tensor } from '@typegrad/tensor';
import { topK } from '../eval/ranking-metrics.js';
import type { RatingModel, UserRow } from '../models/rating-model.js';

/** A recommended item and the model's output for it: a predicted rating (mf, nn) or a ranking score (bpr). */
export interface Recommendation {
  item: number;
  score: number;
}

/** The n best of a row of scores, leaving out `exclude`. */
function best(scores: Float32Array, n: number, exclude: ReadonlySet<number>): Recommendation[] {
  return topK(scores, n, exclude).map((item) => ({ item, score: scores[item] }));
}

/**
 * The n items a known user would rate highest among those not in `exclude` (their training items).
 * @example recommendForUser(model, 41, seen[41], 10) // [{ item: 277, score: 4.71 }, …]
 */
export function recommendForUser(model: RatingModel, user: number, exclude: ReadonlySet<number>, n = 10): Recommendation[] {
  const scores = model.scoreItems(tensor([user], { dtype: 'int32' })).dataSync() as Float32Array;
  return best(scores, n, exclude);
}

/**
 * The n best items for a user given as a row (a new user folded in from a few ratings), leaving out `exclude`.
 * @example recommendForRow(model, foldInUser(model, rated), new Set(rated.map((r) => r.item)), 10)
 */
export function recommendForRow(model: RatingModel, row: UserRow, exclude: ReadonlySet<number>, n = 10): Recommendation[] {
  const scores = noGrad(() => model.forwardRow(row, arange(model.config.numItems, { dtype: 'int32' }))).dataSync() as Float32Array;
  return best(scores, n, exclude);
}

/** Recommendations for someone who has just rated a few items: fold them in, rank the rest, say why. */
import type { RatingModel, UserRow } from '../models/rating-model.js';
import { explainItem, type Reason } from './explain.js';
import { foldInUser, type FoldInOptions, type ItemRating } from './fold-in.js';
import { recommendForRow, type Recommendation } from './recommend.js';

/** A recommendation with the rated items that pushed it up most. */
export interface ExplainedRecommendation extends Recommendation {
  reasons: Reason[];
}

/** Options of {@link recommendNewUser}. */
export interface NewUserOptions extends FoldInOptions {
  /** Recommendations to give. Default 10. */
  count?: number;
  /** Reasons per recommendation. Default 3. */
  reasons?: number;
}

/**
 * A new user's recommendations from a few ratings: their row by fold-in (the model unchanged), the best items they
 * have not rated, and for each the rated items that pushed it up most. What a page calls when a visitor has rated
 * a few movies.
 * @example const { recommendations } = recommendNewUser(model, [{ item: heat, rating: 5 }, { item: toyStory, rating: 2 }]);
 */
export function recommendNewUser(model: RatingModel, rated: readonly ItemRating[], options: NewUserOptions = {}): { row: UserRow; recommendations: ExplainedRecommendation[] } {
  const row = foldInUser(model, rated, options);
  const bias = row.bias.dataSync()[0];
  const recommendations = recommendForRow(model, row, new Set(rated.map((r) => r.item)), options.count ?? 10).map((r) => ({
    ...r,
    reasons: explainItem(model, rated, r.item, { count: options.reasons ?? 3, reg: options.reg, userBias: bias }),
  }));
  return { row, recommendations };
}

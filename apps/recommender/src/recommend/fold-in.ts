/**
 * Cold start: a user the model has never seen, given a few ratings, gets a row of their own by a few gradient steps
 * with everything the model learned (the item embeddings, biases and layers) frozen. The same call serves the
 * command line's `recommend --rate` and a page where a visitor rates a few movies.
 */
import { binaryCrossEntropyWithLogits, mseLoss } from '@typegrad/nn';
import { Adam } from '@typegrad/optim';
import { Generator, onesLike, randint, tensor, zeros } from '@typegrad/tensor';
import type { RatingModel, UserRow } from '../models/rating-model.js';

/** One rating of the new user: an item's index and the stars (for bpr, any rating counts as an interaction). */
export interface ItemRating {
  item: number;
  rating: number;
}

/** Options of {@link foldInUser}. */
export interface FoldInOptions {
  /** Adam steps. Default 100. */
  steps?: number;
  /** Default 0.05. */
  lr?: number;
  /** Weight of ‖u‖² in the loss, as in training. Default 0.1. */
  reg?: number;
  /** Draws bpr's negative items. Default seeded with 0. */
  generator?: Generator;
}

/** The width of a model's user rows. */
function userWidth(model: RatingModel): number {
  return model.config.kind === 'nn' ? model.config.userFactors : model.config.factors;
}

/**
 * A new user's row from their ratings: starting from zeros, `steps` Adam steps on the squared error of the model's
 * predictions for the rated items (bpr: the BPR loss against items drawn at random), plus reg·‖u‖², with the model
 * itself unchanged.
 * @example const row = foldInUser(model, [{ item: heat, rating: 5 }, { item: toyStory, rating: 2 }]);
 */
export function foldInUser(model: RatingModel, rated: readonly ItemRating[], options: FoldInOptions = {}): UserRow {
  if (rated.length === 0) throw new Error('foldInUser: needs at least one rating');
  const { steps = 100, lr = 0.05, reg = 0.1 } = options;
  const generator = options.generator ?? new Generator().manualSeed(0);
  const row: UserRow = { factors: zeros([userWidth(model)]).requiresGrad_(), bias: zeros([1]).requiresGrad_() };
  const items = tensor(rated.map((r) => r.item), { dtype: 'int32' });
  const stars = tensor(rated.map((r) => r.rating));
  const params = model.config.kind === 'nn' ? [row.factors] : [row.factors, row.bias];
  const optimizer = new Adam(params, { lr });
  const implicit = model.config.kind === 'bpr';
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    const penalty = row.factors.square().sum().mul(reg);
    let loss;
    if (implicit) {
      const negatives = randint(0, model.config.numItems, [rated.length], { generator, dtype: 'int32' });
      const x = model.forwardRow(row, items).sub(model.forwardRow(row, negatives));
      loss = binaryCrossEntropyWithLogits(x, onesLike(x)).add(penalty);
    } else {
      loss = mseLoss(model.forwardRow(row, items), stars).add(penalty);
    }
    loss.backward();
    optimizer.step();
  }
  return { factors: row.factors.detach(), bias: row.bias.detach() };
}

/** What every recommender model is: a module that scores (user, item) pairs, with its embedding tables sparse. */
import { Embedding, Module } from '@typegrad/nn';
import type { Tensor } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';

/**
 * A user as a model reads them: a factor vector (and a bias where the model has one). A known user's is a row of the
 * model's tables; a new user's is learned from a few ratings by fold-in.
 */
export interface UserRow {
  /** [factors] */
  factors: Tensor;
  /** [1] (zero for models without user biases) */
  bias: Tensor;
}

/**
 * The base of the models: `forward(users, items)` gives predicted ratings (`bpr`: scores) of pairs; the rest serves
 * training (the penalty on the rows a batch read), recommending (scores of all items for some users, or for a new
 * user's row) and explaining (the item embeddings).
 */
export abstract class RatingModel extends Module {
  abstract readonly config: ModelConfig;

  /** Outputs for pairs: users and items int32 [B] → [B]. */
  abstract override forward(users: Tensor, items: Tensor): Tensor;

  /**
   * The outputs and the mean over the batch of the squared embedding rows it read, ‖U[u]‖² + ‖V[i]‖²: weight decay
   * on the rows in use, which keeps the embeddings' gradients sparse (decaying every row would touch them all).
   */
  abstract forwardWithPenalty(users: Tensor, items: Tensor): { output: Tensor; penalty: Tensor };

  /** Outputs for each of `users` against every item: [users, numItems]. */
  abstract scoreItems(users: Tensor): Tensor;

  /** Outputs for one user given as a row (a new user's, from fold-in), against `items` [n] → [n]. */
  abstract forwardRow(row: UserRow, items: Tensor): Tensor;

  /** A known user's row (detached). */
  abstract userRow(user: number): UserRow;

  /** The item embedding table [numItems, width] (detached): what similarity and the plot read. */
  abstract itemEmbeddings(): Tensor;

  /** The item biases [numItems, 1] (detached), or null for a model without them. */
  itemBiases(): Tensor | null {
    return null;
  }

  /** The embedding tables, whose gradients are row-sparse (trained with SparseAdam). */
  sparseParameters(): Tensor[] {
    return this.modules().filter((m): m is Embedding => m instanceof Embedding && m.sparse).map((m) => m.weight);
  }

  /** The other parameters (trained with Adam). */
  denseParameters(): Tensor[] {
    const sparse = new Set(this.sparseParameters());
    return this.parameters().filter((p) => !sparse.has(p));
  }
}

/** Raw outputs into the rating range: lo + (hi − lo)·σ(z), fastai's sigmoid_range; unchanged without a range. */
export function squash(z: Tensor, yRange: [number, number] | null): Tensor {
  return yRange ? z.sigmoid().mul(yRange[1] - yRange[0]).add(yRange[0]) : z;
}

/**
 * The raw output that squashes to the mean rating, logit((μ − lo)/(hi − lo)): added to every raw output, so an
 * untrained model (all factors and biases near zero) predicts μ.
 * @example rawOffset(3.5, [0, 5.5]) // 0.5596
 */
export function rawOffset(mean: number, yRange: [number, number] | null): number {
  if (!yRange) return mean;
  const p = (mean - yRange[0]) / (yRange[1] - yRange[0]);
  return Math.log(p / (1 - p));
}

/**
 * Every model and baseline measured on one split, for one table: rating errors where a model predicts ratings,
 * ranking quality where ranking was asked for.
 */
import { noGrad } from '@typegrad/autograd';
import { tensor } from '@typegrad/tensor';
import { fitBiases, predictBiases, type BiasBaseline } from '../baselines/biases.js';
import { popularityScores } from '../baselines/popularity.js';
import { orderedBatches } from '../data/batches.js';
import type { Interactions } from '../data/interactions.js';
import type { RatingModel } from '../models/rating-model.js';
import { rankingMetrics, type RankingMetrics, type ScoreUsers } from './ranking-metrics.js';
import { ratingErrors, type RatingErrors } from './rating-metrics.js';

/** One row of the comparison: a model or baseline and its figures (null where a figure does not apply). */
export interface ComparisonRow {
  name: string;
  rmse: number | null;
  mae: number | null;
  precision: number | null;
  recall: number | null;
  ndcg: number | null;
}

/** The predicted ratings of a model for some interactions (no gradients; batches of 8,192). @example predictRatings(model, test) */
export function predictRatings(model: RatingModel, data: Interactions, batchSize = 8192): Float32Array {
  const out = new Float32Array(data.length);
  let at = 0;
  noGrad(() => {
    for (const batch of orderedBatches(data, batchSize)) {
      const p = model.forward(batch.users, batch.items).dataSync();
      out.set(p, at);
      at += p.length;
    }
  });
  return out;
}

/** A model's scores of every item for blocks of users, as the ranking metrics read them. */
export const modelScores = (model: RatingModel): ScoreUsers => (users) => model.scoreItems(tensor(users, { dtype: 'int32' })).dataSync() as Float32Array;

/** The same scores for every user: a baseline that ranks items the same way for all (popularity, item bias). */
const sameForAll = (scores: Float32Array): ScoreUsers => (users) => {
  const out = new Float32Array(users.length * scores.length);
  for (let r = 0; r < users.length; r++) out.set(scores, r * scores.length);
  return out;
};

/** What {@link compareModels} measures. */
export interface CompareOptions {
  train: Interactions;
  test: Interactions;
  /** The rating scale predictions are clipped to. */
  scale: readonly [number, number];
  models: { name: string; model: RatingModel }[];
  /** Measure rating errors (the random split). Default true. */
  ratings?: boolean;
  /** Measure top-k ranking (the temporal split). Default false. */
  ranking?: boolean;
  k?: number;
  /** The bias baseline, when already fitted. */
  biases?: BiasBaseline;
}

/**
 * The comparison table's rows: the global mean, the user + item biases, popularity (when ranking), then each model;
 * a bpr model has no rating errors (it predicts no ratings).
 * @example compareModels({ train, test, scale: [0.5, 5], models: [{ name: 'mf', model }] })
 */
export function compareModels(o: CompareOptions): ComparisonRow[] {
  const { train, test, scale, k = 10 } = o;
  const ratings = o.ratings ?? true;
  const ranking = o.ranking ?? false;
  const none = { rmse: null, mae: null, precision: null, recall: null, ndcg: null };
  const errors = (e: RatingErrors | null) => (e ? { rmse: e.rmse, mae: e.mae } : {});
  const ranks = (m: RankingMetrics | null) => (m ? { precision: m.precision, recall: m.recall, ndcg: m.ndcg } : {});
  const biases = o.biases ?? fitBiases(train);
  const rows: ComparisonRow[] = [];

  const mean = new Float32Array(test.length).fill(biases.mean);
  rows.push({ ...none, name: 'global mean', ...errors(ratings ? ratingErrors(mean, test.ratings, scale) : null) });
  const biasPredictions = Float32Array.from(test.users, (u, k) => predictBiases(biases, u, test.items[k]));
  rows.push({
    ...none,
    name: 'user + item biases',
    ...errors(ratings ? ratingErrors(biasPredictions, test.ratings, scale) : null),
    ...ranks(ranking ? rankingMetrics(sameForAll(Float32Array.from(biases.itemBias)), train, test, k) : null),
  });
  if (ranking) rows.push({ ...none, name: 'popularity', ...ranks(rankingMetrics(sameForAll(popularityScores(train)), train, test, k)) });
  for (const { name, model } of o.models) {
    const explicit = model.config.kind !== 'bpr';
    rows.push({
      ...none,
      name,
      ...errors(ratings && explicit ? ratingErrors(predictRatings(model, test), test.ratings, scale) : null),
      ...ranks(ranking ? rankingMetrics(modelScores(model), train, test, k) : null),
    });
  }
  return rows;
}

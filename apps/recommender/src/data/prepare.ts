/** Parsed ratings (and movies) made ready for the models: interactions, the split, and item names by index. */
import type { MovieCatalog, Ratings } from '@typegrad/datasets';
import { interactionsOf, subset, type Interactions } from './interactions.js';
import { catalogOf, type Catalog } from './catalog.js';
import { makeSplit, type Split, type SplitSpec } from './splits.js';

/** Everything a run reads: all interactions, the split and its two halves, the ids and the items' names. */
export interface PreparedData {
  all: Interactions;
  split: Split;
  spec: SplitSpec;
  train: Interactions;
  test: Interactions;
  /** The lowest and highest rating. */
  scale: [number, number];
  ratings: Ratings;
  catalog: Catalog;
}

/**
 * Splits parsed ratings as `spec` says and names their items (MovieLens titles and genres when `movies` is given,
 * else the ids).
 * @example const data = prepareData(ml.ratings, { kind: 'random', testFraction: 0.2, seed: 42 }, ml.movies);
 */
export function prepareData(ratings: Ratings, spec: SplitSpec, movies?: MovieCatalog): PreparedData {
  const all = interactionsOf(ratings);
  const split = makeSplit(all, spec);
  return { all, split, spec, train: subset(all, split.train), test: subset(all, split.test), scale: ratings.scale, ratings, catalog: catalogOf(ratings.itemIds, movies) };
}

/** Ratings as the models see them: dense user and item indices with their ratings (and times), as typed arrays. */
import type { Ratings } from '@typegrad/datasets';

/**
 * A set of (user, item, rating) triples, users and items numbered 0…n−1 (rows of the embedding tables). Splits are
 * subsets of one such set, so they share `numUsers` and `numItems`.
 * @example const all = interactionsOf(ratings); all.length // 100836 for ml-latest-small
 */
export interface Interactions {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  /** Seconds since 1970, or null when the data has no times. */
  timestamps: Float64Array | null;
  numUsers: number;
  numItems: number;
  length: number;
}

/** The interactions of parsed ratings (`parseRatings`, `loadMovieLens`). @example interactionsOf((await loadMovieLens(dir)).ratings) */
export function interactionsOf(r: Ratings): Interactions {
  return { users: r.users, items: r.items, ratings: r.ratings, timestamps: r.timestamps, numUsers: r.userIds.length, numItems: r.itemIds.length, length: r.ratings.length };
}

/** The interactions at some positions, in that order. @example const train = subset(all, split.train) */
export function subset(data: Interactions, positions: Int32Array): Interactions {
  const pick = <T extends Int32Array | Float32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(positions.length);
    for (let k = 0; k < positions.length; k++) out[k] = a[positions[k]];
    return out;
  };
  return {
    users: pick(data.users),
    items: pick(data.items),
    ratings: pick(data.ratings),
    timestamps: data.timestamps && pick(data.timestamps),
    numUsers: data.numUsers,
    numItems: data.numItems,
    length: positions.length,
  };
}

/** The mean rating (the global-mean baseline's μ). @example meanRating(train) // 3.50 */
export function meanRating(data: Interactions): number {
  let sum = 0;
  for (let k = 0; k < data.length; k++) sum += data.ratings[k];
  return sum / data.length;
}

/** How many interactions each item has (its popularity). @example itemCounts(train)[0] */
export function itemCounts(data: Interactions): Int32Array {
  const counts = new Int32Array(data.numItems);
  for (let k = 0; k < data.length; k++) counts[data.items[k]]++;
  return counts;
}

/** The items each user has, as a set per user (to leave seen items out of recommendations). */
export function itemsByUser(data: Interactions): Set<number>[] {
  const sets = Array.from({ length: data.numUsers }, () => new Set<number>());
  for (let k = 0; k < data.length; k++) sets[data.users[k]].add(data.items[k]);
  return sets;
}

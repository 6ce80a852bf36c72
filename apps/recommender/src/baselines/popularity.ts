/** The ranking baseline: recommend what most people have watched. */
import { itemCounts, type Interactions } from '../data/interactions.js';

/**
 * Each item's number of training interactions as its score for every user: the popularity baseline that ranking
 * models are measured against (on MovieLens it is hard to beat, as people do watch popular films).
 * @example const scores = popularityScores(train); // Float32Array [numItems]
 */
export function popularityScores(train: Interactions): Float32Array {
  return Float32Array.from(itemCounts(train));
}

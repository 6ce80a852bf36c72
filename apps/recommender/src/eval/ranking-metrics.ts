/**
 * Top-N quality: for each user, the k highest-scored items they had not interacted with in training, against the
 * items held out for them (all of them relevant: a rating counts as an interaction).
 */
import type { Interactions } from '../data/interactions.js';
import { itemsByUser } from '../data/interactions.js';

/** Means over the users with held-out items. */
export interface RankingMetrics {
  /** Hits in the top k, over k. */
  precision: number;
  /** Hits in the top k, over the user's held-out items. */
  recall: number;
  /** Discounted gain of the hits (1/log2(rank + 1)), over the best possible for that user. */
  ndcg: number;
  /** Users measured. */
  users: number;
}

/** Scores of every item for a block of users, row after row ([users × numItems]). */
export type ScoreUsers = (users: Int32Array) => Float32Array;

/**
 * The k best items of a row of scores, skipping `exclude`; ties go to the lower item index, so a baseline with
 * equal scores ranks the same way every run.
 * @example topK(Float32Array.of(0.1, 0.9, 0.5), 2, new Set([1])) // [2, 0]
 */
export function topK(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (exclude.has(i) || !(scores[i] > -Infinity)) continue;
    if (best.length === k && scores[i] <= scores[best[k - 1]]) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && scores[best[at - 1]] < scores[i]) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Precision, recall and NDCG at k, averaged over the users with held-out interactions; each user's training items
 * are left out of their ranking. `scoreUsers` is called on blocks of `blockSize` users.
 * @example rankingMetrics((users) => scoresOf(users), train, test, 10) // { precision: 0.05, recall: 0.05, ndcg: 0.055, users: 610 }
 */
export function rankingMetrics(scoreUsers: ScoreUsers, train: Interactions, test: Interactions, k = 10, blockSize = 64): RankingMetrics {
  const seen = itemsByUser(train);
  const relevant = itemsByUser(test);
  const users = relevant.flatMap((items, u) => (items.size > 0 ? [u] : []));
  const discount = (rank: number) => 1 / Math.log2(rank + 2);
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  for (let start = 0; start < users.length; start += blockSize) {
    const block = Int32Array.from(users.slice(start, start + blockSize));
    const scores = scoreUsers(block);
    const n = scores.length / block.length;
    block.forEach((u, row) => {
      const top = topK(scores.subarray(row * n, (row + 1) * n), k, seen[u]);
      const rel = relevant[u];
      let hits = 0;
      let dcg = 0;
      top.forEach((item, rank) => {
        if (!rel.has(item)) return;
        hits++;
        dcg += discount(rank);
      });
      let ideal = 0;
      for (let rank = 0; rank < Math.min(k, rel.size); rank++) ideal += discount(rank);
      precision += hits / k;
      recall += hits / rel.size;
      ndcg += dcg / ideal;
    });
  }
  const m = users.length;
  return { precision: precision / m, recall: recall / m, ndcg: ndcg / m, users: m };
}

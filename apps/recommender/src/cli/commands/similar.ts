import { markdownTable, numberFlag, stringFlag, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { findItem } from '../../data/catalog.js';
import { itemCounts } from '../../data/interactions.js';
import { similarItems } from '../../recommend/similar.js';
import { openSession } from '../session.js';

/**
 * `recommender similar <title>`: the nearest items by cosine similarity and by dot product of the item embeddings,
 * side by side, among items with enough training ratings.
 * @example await similarCommand({ title: 'Toy Story (1995)' }, processIO())
 */
export async function similarCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const count = numberFlag(flags, 'count', 10, { integer: true, min: 1 });
  const minRatings = numberFlag(flags, 'min-ratings', 20, { integer: true, min: 0 });
  const { model, data } = await openSession(flags);
  const item = findItem(data.catalog, stringFlag(flags, 'title') ?? '');
  const counts = itemCounts(data.train);
  const { cosine, dot } = similarItems(model, item, { count, candidates: (i) => counts[i] >= minRatings });
  const { titles } = data.catalog;
  io.log(`nearest ${titles[item]} (${counts[item]} training ratings), among items with at least ${minRatings}:`);
  const rows = cosine.map((c, k) => [String(k + 1), titles[c.item], c.score.toFixed(3), titles[dot[k].item], dot[k].score.toFixed(3)]);
  io.log(markdownTable(['#', 'by cosine', 'cos', 'by dot product', 'dot'], rows));
}

import { writeFile } from 'node:fs/promises';
import { numberFlag, stringFlag, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { itemCounts } from '../../data/interactions.js';
import { itemEmbeddingPlot } from '../../plot/movies-plot.js';
import { openSession } from '../session.js';

/**
 * `recommender plot`: the most-rated items' embeddings on their first two principal components, as an SVG, the
 * best known named.
 * @example await plotCommand({ out: 'movies.svg' }, processIO())
 */
export async function plotCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const out = stringFlag(flags, 'out') ?? 'movies.svg';
  const items = numberFlag(flags, 'items', 1000, { integer: true, min: 2 });
  const labels = numberFlag(flags, 'labels', 30, { integer: true, min: 0 });
  const { model, data, stem } = await openSession(flags);
  const svg = itemEmbeddingPlot(model, { names: data.catalog.titles, counts: itemCounts(data.train), items, labels, title: `${stem}: the ${items} most-rated items, first two principal components` });
  await writeFile(out, svg);
  io.log(`wrote ${out}: the ${items} most-rated items on the first two principal components of their embeddings, ${labels} named`);
}

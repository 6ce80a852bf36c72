/** The course's picture of the item embeddings: the items on their first two principal components, the best known named. */
import { scatterPlot, type LabelledPoint } from '@typegrad/app-kit';
import type { RatingModel } from '../models/rating-model.js';
import { pca } from './pca.js';

/** Options of {@link itemEmbeddingPlot}. */
export interface ItemPlotOptions {
  /** Each item's name. */
  names: readonly string[];
  /** Each item's number of ratings (what "best known" means). */
  counts: ArrayLike<number>;
  /** Items plotted: the most-rated. Default 1,000 (fastai's lesson takes the 1,000 most-rated movies). */
  items?: number;
  /** Items named: the most-rated. Default 30. */
  labels?: number;
  title?: string;
}

/**
 * An SVG scatter of the most-rated items' embeddings on their first two principal components, the best known named.
 * @example await writeFile('movies.svg', itemEmbeddingPlot(model, { names: titles, counts }));
 */
export function itemEmbeddingPlot(model: RatingModel, options: ItemPlotOptions): string {
  const { names, counts, items = 1000, labels = 30 } = options;
  const table = model.itemEmbeddings().contiguous();
  const width = table.shape[1];
  const byCount = Array.from({ length: table.shape[0] }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  const rows = byCount.slice(0, Math.min(items, byCount.length)).filter((i) => counts[i] > 0);
  const { coordinates, explained } = pca(table.dataSync() as Float32Array, width, rows, 2);
  const named = new Set(rows.slice(0, labels));
  const points: LabelledPoint[] = rows.map((item, k) => ({ x: coordinates[2 * k], y: coordinates[2 * k + 1], label: named.has(item) ? names[item] : undefined }));
  const pct = (f: number) => `${(100 * f).toFixed(1)}% of the variance`;
  return scatterPlot(points, {
    points: 'dot',
    width: 900,
    height: 700,
    title: options.title ?? `the ${rows.length} most-rated items' embeddings, first two principal components`,
    xLabel: `component 1 (${pct(explained[0])})`,
    yLabel: `component 2 (${pct(explained[1])})`,
  });
}

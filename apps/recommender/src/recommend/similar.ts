/**
 * Items like an item, two ways the course contrasts: cosine similarity of the item embeddings (the angle only:
 * items liked for the same reasons) and the dot product (the angle times the lengths: long vectors, the items the
 * model is most sure people like, come up for everything).
 */
import type { RatingModel } from '../models/rating-model.js';

/** An item and its similarity to the one asked about. */
export interface Neighbour {
  item: number;
  score: number;
}

/** Options of {@link similarItems}. */
export interface SimilarOptions {
  /** How many of each. Default 10. */
  count?: number;
  /** Only these items are candidates (for example, those with enough ratings to have a meaningful embedding). */
  candidates?: (item: number) => boolean;
}

/** Nearest items by cosine and by dot product, side by side. */
export interface SimilarItems {
  cosine: Neighbour[];
  dot: Neighbour[];
}

/** The `count` items of highest score, the item itself left out. */
function nearest(scores: Float64Array, count: number, item: number, allowed: (i: number) => boolean): Neighbour[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (i !== item && allowed(i)) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, count).map((i) => ({ item: i, score: scores[i] }));
}

/**
 * The items nearest `item` in the model's item embedding, by cosine similarity and by dot product.
 * @example const { cosine, dot } = similarItems(model, toyStory, { count: 10, candidates: (i) => counts[i] >= 20 });
 */
export function similarItems(model: RatingModel, item: number, options: SimilarOptions = {}): SimilarItems {
  const { count = 10, candidates = () => true } = options;
  const table = model.itemEmbeddings().contiguous();
  const [n, width] = table.shape;
  if (!(item >= 0 && item < n)) throw new RangeError(`similarItems: item ${item} is not in the model's ${n} items`);
  const e = table.dataSync() as Float32Array;
  const dots = new Float64Array(n);
  const cosines = new Float64Array(n);
  let norm = 0;
  for (let f = 0; f < width; f++) norm += e[item * width + f] ** 2;
  norm = Math.sqrt(norm);
  for (let i = 0; i < n; i++) {
    let d = 0;
    let len = 0;
    for (let f = 0; f < width; f++) {
      const x = e[i * width + f];
      d += x * e[item * width + f];
      len += x * x;
    }
    dots[i] = d;
    cosines[i] = len > 0 && norm > 0 ? d / (Math.sqrt(len) * norm) : 0;
  }
  return { cosine: nearest(cosines, count, item, candidates), dot: nearest(dots, count, item, candidates) };
}

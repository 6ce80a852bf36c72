/** Principal components of a table of vectors: the 2-D view of the item embeddings the course plots. */
import { topEigenvectors } from '../recommend/linear-algebra.js';

/** Each row's coordinates on the first components, and how much of the variance each component holds. */
export interface Projection {
  /** [rows × components], row-major. */
  coordinates: Float64Array;
  /** The fraction of the total variance along each component. */
  explained: number[];
}

/**
 * Projects the chosen rows of a [n, width] table (row-major) onto their first principal components: the rows are
 * centred, their covariance's top eigenvectors found, and each row's coordinates along them returned.
 * @example const { coordinates } = pca(values, 50, popularItems, 2);
 */
export function pca(table: Float32Array, width: number, rows: readonly number[], components = 2): Projection {
  const n = rows.length;
  if (n < 2) throw new Error(`pca: needs at least 2 rows, got ${n}`);
  const mean = new Float64Array(width);
  for (const r of rows) for (let f = 0; f < width; f++) mean[f] += table[r * width + f] / n;
  const cov = new Float64Array(width * width);
  const x = new Float64Array(width);
  for (const r of rows) {
    for (let f = 0; f < width; f++) x[f] = table[r * width + f] - mean[f];
    for (let a = 0; a < width; a++) for (let b = a; b < width; b++) cov[a * width + b] += (x[a] * x[b]) / (n - 1);
  }
  for (let a = 0; a < width; a++) for (let b = 0; b < a; b++) cov[a * width + b] = cov[b * width + a];
  let total = 0;
  for (let a = 0; a < width; a++) total += cov[a * width + a];
  const top = topEigenvectors(cov, components);
  const coordinates = new Float64Array(n * components);
  rows.forEach((r, k) => {
    top.forEach(({ vector }, c) => {
      let s = 0;
      for (let f = 0; f < width; f++) s += (table[r * width + f] - mean[f]) * vector[f];
      coordinates[k * components + c] = s;
    });
  });
  return { coordinates, explained: top.map(({ value }) => (total > 0 ? value / total : 0)) };
}

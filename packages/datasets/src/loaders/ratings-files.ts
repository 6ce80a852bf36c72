/**
 * Ratings and MovieLens folders read from local files (Node only; the `@typegrad/datasets/node` entry). Nothing is
 * downloaded: a missing file is an error that says where it was looked for.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTextFile, type FileLocation } from './files.js';
import { parseMovieLens, type MovieLens } from './movielens.js';
import { parseRatings, type Ratings, type RatingsOptions } from './ratings.js';

/**
 * Reads a ratings file, `user,item,rating[,timestamp]` as CSV or TSV (MovieLens's ratings.csv, ml-100k's u.data),
 * with {@link parseRatings}; the format follows the file's extension (.tsv, .data → TSV) unless `format` says.
 * @example const r = await loadRatings('data/movielens-small/ratings.csv'); r.ratings.length // 100836
 */
export async function loadRatings(location: FileLocation, options: RatingsOptions = {}): Promise<Ratings> {
  const { text, source } = await readTextFile('loadRatings', location);
  const byExtension = /\.(tsv|data)$/i.test(source) ? 'tsv' : /\.csv$/i.test(source) ? 'csv' : undefined;
  return parseRatings(text, { ...options, format: options.format ?? byExtension, source: options.source ?? source });
}

/**
 * Reads a MovieLens folder as GroupLens publishes it (`ratings.csv` and `movies.csv`: ml-latest-small, ml-latest,
 * ml-20m, ml-25m), with {@link parseMovieLens}.
 * @example const { ratings, movies } = await loadMovieLens('data/movielens-small'); // 100,836 ratings of 9,724 movies
 */
export async function loadMovieLens(folder: string | URL, options: Pick<RatingsOptions, 'onInvalid'> = {}): Promise<MovieLens> {
  const dir = folder instanceof URL ? fileURLToPath(folder) : folder;
  const [ratings, movies] = await Promise.all([readTextFile('loadMovieLens', join(dir, 'ratings.csv')), readTextFile('loadMovieLens', join(dir, 'movies.csv'))]);
  return parseMovieLens({ ratings: ratings.text, movies: movies.text }, { ratingsSource: ratings.source, moviesSource: movies.source, onInvalid: options.onInvalid });
}

/**
 * MovieLens folders as GroupLens publishes them (ml-latest-small, ml-latest, ml-20m, ml-25m): `movies.csv` with
 * titles and genres, `ratings.csv`, read together so that every rated movie has a title.
 */
import { DataFormatError } from '../errors.js';
import { parseCsv } from './delimited.js';
import { parseRatings, type Ratings, type RatingsOptions } from './ratings.js';

/**
 * The movies of a MovieLens `movies.csv`, in file order: ids, titles ("Toy Story (1995)") and genres.
 * @example catalog.titles[catalog.index.get('1')!] // 'Toy Story (1995)'
 */
export interface MovieCatalog {
  ids: string[];
  titles: string[];
  /** Each movie's genres ("Adventure|Animation" → ['Adventure', 'Animation']); "(no genres listed)" → []. */
  genres: string[][];
  /** The year in the title's final "(1995)", or null. */
  years: (number | null)[];
  /** Position of each movie id. */
  index: Map<string, number>;
  source: string;
}

/**
 * Parses a MovieLens `movies.csv` (`movieId,title,genres`; titles holding commas are quoted; CRLF line ends).
 * A repeated movieId is an error naming its lines.
 * @example parseMovies('movieId,title,genres\r\n11,"American President, The (1995)",Comedy|Drama|Romance\r\n').titles // ['American President, The (1995)']
 */
export function parseMovies(text: string, options: { source?: string } = {}): MovieCatalog {
  const source = options.source ?? '<movies>';
  const table = parseCsv(text, { source, columns: { movieId: 'string', title: 'string', genres: 'string' } });
  const catalog: MovieCatalog = { ids: [], titles: [], genres: [], years: [], index: new Map(), source };
  table.rows.forEach(({ movieId, title, genres }, row) => {
    const id = movieId.trim();
    if (catalog.index.has(id)) {
      throw new DataFormatError({ source, line: row + 2, message: `movieId ${id} is listed twice (first as '${catalog.titles[catalog.index.get(id)!]}')` });
    }
    catalog.index.set(id, catalog.ids.length);
    catalog.ids.push(id);
    catalog.titles.push(title.trim());
    catalog.genres.push(genres === '(no genres listed)' || genres === '' ? [] : genres.split('|'));
    const year = /\((\d{4})\)\s*$/.exec(title);
    catalog.years.push(year ? Number(year[1]) : null);
  });
  return catalog;
}

/** A MovieLens data set: its ratings, and the movies with their titles and genres. */
export interface MovieLens {
  ratings: Ratings;
  movies: MovieCatalog;
}

/**
 * Reads a MovieLens folder's two files from their text (the browser fetches them; `loadMovieLens` in
 * `@typegrad/datasets/node` reads a folder). A rated movie missing from the movies is an error naming the
 * ratings' line.
 * @example
 * const ml = parseMovieLens({ ratings: await (await fetch('ratings.csv')).text(), movies: await (await fetch('movies.csv')).text() });
 * ml.movies.titles[ml.movies.index.get(ml.ratings.itemIds[0])!]; // the first rated movie's title
 */
export function parseMovieLens(files: { ratings: string; movies: string }, options: { ratingsSource?: string; moviesSource?: string } & Pick<RatingsOptions, 'onInvalid'> = {}): MovieLens {
  const movies = parseMovies(files.movies, { source: options.moviesSource ?? 'movies.csv' });
  const ratings = parseRatings(files.ratings, { source: options.ratingsSource ?? 'ratings.csv', format: 'csv', onInvalid: options.onInvalid });
  const unknown = ratings.itemIds.findIndex((id) => !movies.index.has(id));
  if (unknown >= 0) {
    const line = ratings.lines[ratings.items.indexOf(unknown)];
    throw new DataFormatError({ source: ratings.source, line, message: `movie ${ratings.itemIds[unknown]} is not in ${movies.source}` });
  }
  return { ratings, movies };
}

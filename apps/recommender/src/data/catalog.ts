/** Items by dense index with their names: MovieLens titles and genres, or the ids of a plain ratings file. */
import type { MovieCatalog } from '@typegrad/datasets';

/** Each item's title and genres, by dense index, and a way to find an item by its title. */
export interface Catalog {
  titles: string[];
  genres: string[][];
  /** Dense index by exact title (the first item of a title shared by several). */
  byTitle: Map<string, number>;
}

/**
 * The names of the items a model knows, in dense-index order: titles and genres from the movies, else the ids.
 * @example catalogOf(ratings.itemIds, movies).titles[0] // 'Toy Story (1995)'
 */
export function catalogOf(itemIds: readonly string[], movies?: MovieCatalog): Catalog {
  const at = (id: string) => (movies ? movies.index.get(id) : undefined);
  const titles = itemIds.map((id) => (at(id) === undefined ? id : movies!.titles[at(id)!]));
  const genres = itemIds.map((id) => (at(id) === undefined ? [] : movies!.genres[at(id)!]));
  const byTitle = new Map<string, number>();
  titles.forEach((t, i) => {
    if (!byTitle.has(t)) byTitle.set(t, i);
  });
  return { titles, genres, byTitle };
}

/**
 * The item a title names: an exact title, else the only title containing the words asked for (any case). An
 * unknown or ambiguous title is an error that lists the nearest candidates.
 * @example findItem(catalog, 'Toy Story (1995)') // its index
 * @example findItem(catalog, 'jumanji') // the index of 'Jumanji (1995)', the only title with that word
 */
export function findItem(catalog: Catalog, query: string): number {
  const exact = catalog.byTitle.get(query.trim());
  if (exact !== undefined) return exact;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = catalog.titles.flatMap((t, i) => (words.every((w) => t.toLowerCase().includes(w)) ? [i] : []));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new Error(`no item is titled '${query}' (titles are as in movies.csv, e.g. 'Toy Story (1995)')`);
  const shown = matches.slice(0, 8).map((i) => `'${catalog.titles[i]}'`).join(', ');
  throw new Error(`'${query}' matches ${matches.length} titles: ${shown}${matches.length > 8 ? ', …' : ''}; give the whole title`);
}

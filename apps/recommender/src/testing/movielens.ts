/** The repository's MovieLens ml-latest-small (data/movielens-small, under GroupLens's licence), for tests that use real ratings. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MovieLens } from '@typegrad/datasets';
import { loadMovieLens } from '@typegrad/datasets/node';

/** Its folder. */
export const MOVIELENS_SMALL = fileURLToPath(new URL('../../../../data/movielens-small/', import.meta.url));

/** Whether the folder is there (a checkout without it skips the tests that need it). */
export const hasMovieLens = existsSync(`${MOVIELENS_SMALL}/ratings.csv`);

let loaded: Promise<MovieLens> | undefined;

/** The data set, read once per test file. */
export function movieLens(): Promise<MovieLens> {
  loaded ??= loadMovieLens(MOVIELENS_SMALL);
  return loaded;
}

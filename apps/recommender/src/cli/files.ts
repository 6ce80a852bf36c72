/** The command line's file work (Node only): the ratings to read, and checkpoints saved so a kill never mixes two. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSaveId } from '@typegrad/app-kit';
import { checkpointStem, readCheckpointFile, saveCheckpointFiles } from '@typegrad/app-kit/node';
import type { MovieCatalog, Ratings } from '@typegrad/datasets';
import { loadMovieLens, loadRatings } from '@typegrad/datasets/node';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointInfo, type CheckpointMeta } from '../checkpoint/checkpoint.js';
import { readMeta } from '../checkpoint/meta.js';
import type { RatingModel } from '../models/rating-model.js';

/** The data source recorded for the repository's copy of MovieLens ml-latest-small (data/movielens-small). */
export const REPOSITORY_MOVIELENS = 'repository:data/movielens-small';

/**
 * The repository's `data/movielens-small`, found by walking up from this file (it is not in the published package:
 * GroupLens's licence keeps it out), or null.
 */
export function repositoryMovieLens(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'data', 'movielens-small');
    if (existsSync(join(candidate, 'ratings.csv'))) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/** Ratings read for a run: the ratings, the movies when the source has them, and how to find them again. */
export interface SourceData {
  ratings: Ratings;
  movies?: MovieCatalog;
  /** What checkpoints record: a path, or {@link REPOSITORY_MOVIELENS}. */
  source: string;
  /** The path read. */
  path: string;
}

/**
 * Reads the ratings: a MovieLens folder (ratings.csv and movies.csv), a ratings file (CSV or TSV), or by default the
 * repository's MovieLens ml-latest-small. Errors say where they looked and how to get data.
 * @example const { ratings, movies } = await readData(undefined); // 100,836 ratings
 */
export async function readData(data: string | undefined): Promise<SourceData> {
  if (data === undefined || data === REPOSITORY_MOVIELENS) {
    const path = repositoryMovieLens();
    if (!path) {
      throw new Error(
        "no ratings given: pass --data with a MovieLens folder (ratings.csv, movies.csv; ml-latest-small is at grouplens.org/datasets/movielens) or a user,item,rating CSV. The typegrad repository's data/movielens-small is not part of the published package.",
      );
    }
    return { ...(await loadMovieLens(path)), source: REPOSITORY_MOVIELENS, path };
  }
  const path = resolve(data);
  if (!existsSync(path)) throw new Error(`--data: nothing at ${path}`);
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, 'ratings.csv'))) throw new Error(`--data: ${path} is a folder without ratings.csv (a MovieLens folder has ratings.csv and movies.csv)`);
    return { ...(await loadMovieLens(path)), source: path, path };
  }
  return { ratings: await loadRatings(path), source: path, path };
}

/** How a data source reads in messages. @example describeSource(REPOSITORY_MOVIELENS) // 'data/movielens-small (MovieLens ml-latest-small)' */
export const describeSource = (source: string): string => (source === REPOSITORY_MOVIELENS ? 'data/movielens-small (MovieLens ml-latest-small)' : source);

/**
 * Saves a checkpoint: the weights under a name of their own, then the JSON that names them (app-kit's
 * `saveCheckpointFiles`: each file written atomically and flushed, older saves removed after).
 * @example await saveCheckpoint('runs/mf', model, info);
 */
export async function saveCheckpoint(stem: string, model: RatingModel, info: Omit<CheckpointInfo, 'weights'>): Promise<CheckpointMeta> {
  const id = newSaveId();
  const { weights, json, meta } = await encodeCheckpoint(model, { ...info, weights: `${basename(stem)}.${id}.safetensors` }, id);
  await saveCheckpointFiles(stem, id, { safetensors: weights }, () => json);
  return meta;
}

/**
 * Reads a checkpoint saved by {@link saveCheckpoint}; `path` may be the stem or the JSON.
 * @example const { model, meta } = await loadCheckpoint('runs/mf');
 */
export async function loadCheckpoint(path: string): Promise<{ model: RatingModel; meta: CheckpointMeta; stem: string }> {
  const stem = checkpointStem(path);
  const howToMake = `recommender train --out ${stem}`;
  const json = (await readCheckpointFile(stem, `${basename(stem)}.json`, howToMake)).toString('utf8');
  const { weights } = readMeta(json, `${stem}.json`); // checked before its weights are read
  const bytes = await readCheckpointFile(stem, weights, howToMake);
  return { ...decodeCheckpoint(bytes, json, stem), stem };
}

export { checkpointStem };

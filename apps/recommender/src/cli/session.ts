/** What the commands after `train` start from: a checkpoint, and the ratings it was trained on, split the same way. */
import type { CheckpointMeta } from '../checkpoint/checkpoint.js';
import { prepareData, type PreparedData } from '../data/prepare.js';
import type { RatingModel } from '../models/rating-model.js';
import { describeSource, loadCheckpoint, readData } from './files.js';
import { stringFlag, type RawFlags } from './options.js';

/** A trained model with its data. */
export interface Session {
  model: RatingModel;
  meta: CheckpointMeta;
  data: PreparedData;
  stem: string;
}

/**
 * Loads `--checkpoint` (default runs/mf) and the ratings it names (or `--data`), checks they are the ones it was
 * trained on (same ratings, same ids in the same order), and splits them as training did.
 * @example const { model, data } = await openSession({ checkpoint: 'runs/mf' });
 */
export async function openSession(flags: RawFlags): Promise<Session> {
  const { model, meta, stem } = await loadCheckpoint(stringFlag(flags, 'checkpoint') ?? 'runs/mf');
  const source = await readData(stringFlag(flags, 'data') ?? meta.data.source);
  const { ratings } = source;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (ratings.ratings.length !== meta.data.ratings || !same(ratings.userIds, meta.ids.users) || !same(ratings.itemIds, meta.ids.items)) {
    throw new Error(
      `${describeSource(source.source)} is not the data ${stem} was trained on: it has ${ratings.ratings.length} ratings by ${ratings.userIds.length} users of ${ratings.itemIds.length} items, ` +
        `the checkpoint ${meta.data.ratings} by ${meta.ids.users.length} of ${meta.ids.items.length} (${describeSource(meta.data.source)})`,
    );
  }
  return { model, meta, stem, data: prepareData(ratings, meta.data.split, source.movies) };
}

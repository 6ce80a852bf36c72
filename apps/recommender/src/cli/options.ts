/** The command line's flags: their declarations (the parser and the help read them) and their checked values. */
import { choiceFlag, numberFlag, stringFlag, UsageError, type FlagSpec, type RawFlags } from '@typegrad/app-kit';
import { SPLIT_KINDS, type SplitSpec } from '../data/splits.js';
import { MODEL_KINDS, type ModelKind } from '../models/config.js';

const DATA: FlagSpec = { type: 'string', value: 'path', help: "a MovieLens folder (ratings.csv, movies.csv) or a user,item,rating[,timestamp] CSV/TSV (default: the repository's data/movielens-small)" };
const CHECKPOINT: FlagSpec = { type: 'string', value: 'path', help: 'the checkpoint to read: path.json and the weights it names (default runs/mf)' };

const TRAIN_FLAGS: Record<string, FlagSpec> = {
  model: { type: 'string', value: 'kind', help: 'mf (matrix factorisation, default), nn (embedding network) or bpr (top-N, ranking loss)' },
  data: DATA,
  split: { type: 'string', value: 'how', help: "random (default for mf, nn), temporal: each user's last ratings (default for bpr), or kfold" },
  'test-fraction': { type: 'string', value: 'f', help: 'random split: the share held out (default 0.2)' },
  'leave-out': { type: 'string', value: 'n', help: "temporal split: each user's last n ratings held out (default 10)" },
  folds: { type: 'string', value: 'k', help: 'kfold: the number of folds (default 5); trains k models, reports the mean ± std, saves none' },
  'split-seed': { type: 'string', value: 'n', help: 'seed of the random and k-fold splits (default 42)' },
  factors: { type: 'string', value: 'n', help: 'mf, bpr: factors per user and item (default mf 50, bpr 64)' },
  'user-factors': { type: 'string', value: 'n', help: "nn: user embedding width (default fastai's rule: 58 for 610 users)" },
  'item-factors': { type: 'string', value: 'n', help: "nn: item embedding width (default fastai's rule: 274 for 9,724 items)" },
  hidden: { type: 'string', value: 'n,…', help: 'nn: hidden layer widths (default 100)' },
  'y-range': { type: 'string', value: 'lo,hi|none', help: 'squash predictions into (lo, hi) (default: half a star beyond the ratings; bpr none)' },
  epochs: { type: 'string', value: 'n', help: 'passes over the training ratings (default mf 5, nn 3, bpr 20)' },
  'batch-size': { type: 'string', value: 'n', help: 'ratings per step (default mf 512, nn 256, bpr 1024)' },
  lr: { type: 'string', value: 'x', help: 'peak learning rate, falling along a cosine to 0 (default mf, nn 0.01; bpr 0.005)' },
  reg: { type: 'string', value: 'x', help: 'weight of the squared embedding rows a batch reads (default mf 0.1, nn 0, bpr 1e-4)' },
  seed: { type: 'string', value: 'n', help: "seed of the weights, the batches' order and bpr's negatives (default 42)" },
  ranking: { type: 'boolean', help: 'also measure precision, recall and NDCG at 10 (always on for the temporal split)' },
  out: { type: 'string', value: 'path', help: 'checkpoint to write: path.json + its weights (default runs/<model>)' },
  plain: { type: 'boolean', help: 'plain progress lines even on a terminal' },
};

/** The commands and their flags: the single source of the parser and the help. */
export const COMMANDS = {
  train: { summary: 'train a model, compare it with the baselines on held-out ratings, save a checkpoint', flags: TRAIN_FLAGS },
  eval: {
    summary: 'the comparison table of a checkpoint: RMSE and MAE, and ranking at 10 against popularity',
    flags: { checkpoint: CHECKPOINT, data: { ...DATA, help: 'the ratings, if not where the checkpoint was trained' }, ranking: TRAIN_FLAGS.ranking },
  },
  recommend: {
    summary: "a user's top unseen items with predicted ratings and the rated items that pushed each up most",
    flags: {
      user: { type: 'string', value: 'id', help: "a user's id in the data (MovieLens userId)" },
      rate: { type: 'string', value: 'title=stars', help: 'a rating of a new user, folded in with the items frozen (cold start)', multiple: true },
      count: { type: 'string', short: 'n', value: 'n', help: 'how many (default 10)' },
      checkpoint: CHECKPOINT,
      data: { ...DATA, help: 'the ratings, if not where the checkpoint was trained' },
    },
  },
  similar: {
    summary: 'items nearest one, by cosine similarity and by dot product of the item embeddings, side by side',
    positionals: [{ name: 'title', help: "an item's title, e.g. \"Toy Story (1995)\" (or words only it contains)", required: true }],
    flags: {
      count: { type: 'string', short: 'n', value: 'n', help: 'how many of each (default 10)' },
      'min-ratings': { type: 'string', value: 'n', help: 'only items with at least n training ratings (default 20)' },
      checkpoint: CHECKPOINT,
      data: { ...DATA, help: 'the ratings, if not where the checkpoint was trained' },
    },
  },
  plot: {
    summary: "a 2-D PCA of the item embeddings as an SVG, the most-rated items named",
    flags: {
      out: { type: 'string', value: 'file.svg', help: 'default movies.svg' },
      items: { type: 'string', value: 'n', help: 'the n most-rated items plotted (default 1000)' },
      labels: { type: 'string', value: 'n', help: 'the n most-rated items named (default 30)' },
      checkpoint: CHECKPOINT,
      data: { ...DATA, help: 'the ratings, if not where the checkpoint was trained' },
    },
  },
} satisfies Record<string, { summary: string; flags: Record<string, FlagSpec>; positionals?: { name: string; help: string; required?: boolean }[] }>;

/** The training settings of each model kind (what `train` uses where no flag says otherwise). */
export const TRAINING_DEFAULTS: Record<ModelKind, { epochs: number; batchSize: number; lr: number; reg: number; split: SplitSpec['kind'] }> = {
  mf: { epochs: 5, batchSize: 512, lr: 0.01, reg: 0.1, split: 'random' },
  nn: { epochs: 3, batchSize: 256, lr: 0.01, reg: 0, split: 'random' },
  bpr: { epochs: 20, batchSize: 1024, lr: 0.005, reg: 1e-4, split: 'temporal' },
};

/** The model kind. @example modelFlag({ model: 'nn' }) // 'nn' */
export const modelFlag = (flags: RawFlags): ModelKind => choiceFlag(flags, 'model', MODEL_KINDS, 'mf');

/**
 * The split the flags ask for (fold 0 of a k-fold; `train` runs the others).
 * @example splitFlags({ split: 'temporal' }, 'mf') // { kind: 'temporal', leaveOut: 10 }
 */
export function splitFlags(flags: RawFlags, kind: ModelKind): SplitSpec {
  const split = choiceFlag(flags, 'split', SPLIT_KINDS, TRAINING_DEFAULTS[kind].split);
  const seed = numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 });
  const misplaced = (name: string, where: string) => {
    if (flags[name] !== undefined) throw new UsageError(`--${name} applies to the ${where} split, not ${split}`);
  };
  if (split !== 'random') misplaced('test-fraction', 'random');
  if (split !== 'temporal') misplaced('leave-out', 'temporal');
  if (split !== 'kfold') misplaced('folds', 'kfold');
  if (split === 'temporal') misplaced('split-seed', 'random or kfold');
  if (split === 'random') {
    const testFraction = numberFlag(flags, 'test-fraction', 0.2, { positive: true });
    if (testFraction >= 1) throw new UsageError(`--test-fraction must be below 1, got ${testFraction}`);
    return { kind: 'random', testFraction, seed };
  }
  if (split === 'temporal') return { kind: 'temporal', leaveOut: numberFlag(flags, 'leave-out', 10, { integer: true, min: 1 }) };
  return { kind: 'kfold', folds: numberFlag(flags, 'folds', 5, { integer: true, min: 2 }), fold: 0, seed };
}

/** A list of positive integers (`--hidden 100,50`). */
export function widthsFlag(flags: RawFlags, name: string): number[] | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const widths = raw.split(',').map((w) => Number(w.trim()));
  if (!widths.every((w) => Number.isInteger(w) && w >= 1)) throw new UsageError(`--${name} must be positive whole numbers separated by commas, got '${raw}'`);
  return widths;
}

/** `--y-range lo,hi` or `none` (false); undefined when absent. */
export function yRangeFlag(flags: RawFlags): [number, number] | false | undefined {
  const raw = stringFlag(flags, 'y-range');
  if (raw === undefined) return undefined;
  if (raw === 'none') return false;
  const parts = raw.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0] < parts[1])) throw new UsageError(`--y-range must be 'lo,hi' with lo < hi, or 'none', got '${raw}'`);
  return [parts[0], parts[1]];
}

export { numberFlag, stringFlag, UsageError, type RawFlags };

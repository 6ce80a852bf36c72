import { dirname, join } from 'node:path';
import { numberFlag, stringFlag, thousands, UsageError, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { prepareOutput } from '@typegrad/app-kit/node';
import { prepareData } from '../../data/prepare.js';
import { describeSplit, type SplitSpec } from '../../data/splits.js';
import type { ConfigInput, ModelKind } from '../../models/config.js';
import { checkpointStem, describeSource, readData, saveCheckpoint, type SourceData } from '../files.js';
import { modelFlag, splitFlags, TRAINING_DEFAULTS, widthsFlag, yRangeFlag } from '../options.js';
import { comparisonTable, foldTable } from '../report.js';
import { trainAndCompare, type RunSettings } from '../run.js';

/** The model's shape from the flags, each refused where the model has no such part. */
function shapeFlags(flags: RawFlags, kind: ModelKind): Partial<ConfigInput> {
  const int = (name: string) => (flags[name] === undefined ? undefined : numberFlag(flags, name, 0, { integer: true, min: 1 }));
  const only = (names: string[], kinds: ModelKind[]) => {
    for (const name of names) if (flags[name] !== undefined && !kinds.includes(kind)) throw new UsageError(`--${name} applies to ${kinds.join(' and ')}, not ${kind}`);
  };
  only(['factors'], ['mf', 'bpr']);
  only(['user-factors', 'item-factors', 'hidden'], ['nn']);
  return { factors: int('factors'), userFactors: int('user-factors'), itemFactors: int('item-factors'), hidden: widthsFlag(flags, 'hidden'), yRange: yRangeFlag(flags) };
}

/** The training settings from the flags, with the model's defaults. */
function runSettings(flags: RawFlags, kind: ModelKind, spec: SplitSpec): RunSettings {
  const d = TRAINING_DEFAULTS[kind];
  return {
    epochs: numberFlag(flags, 'epochs', d.epochs, { integer: true, min: 1 }),
    batchSize: numberFlag(flags, 'batch-size', d.batchSize, { integer: true, min: 1 }),
    lr: numberFlag(flags, 'lr', d.lr, { positive: true }),
    reg: numberFlag(flags, 'reg', d.reg, { min: 0 }),
    seed: numberFlag(flags, 'seed', 42, { integer: true, min: 0 }),
    ranking: flags.ranking === true || spec.kind === 'temporal',
    plain: flags.plain === true,
  };
}

/**
 * `recommender train`: trains a model, prints it beside the baselines on the held-out ratings, saves a checkpoint;
 * with `--split kfold`, trains one model per fold and prints the mean ± std instead.
 * @example await trainCommand({ model: 'mf' }, processIO())
 */
export async function trainCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const kind = modelFlag(flags);
  const spec = splitFlags(flags, kind);
  const overrides = shapeFlags(flags, kind);
  const settings = runSettings(flags, kind, spec);
  if (kind === 'bpr' && spec.kind !== 'temporal' && !settings.ranking) throw new UsageError('bpr ranks items and predicts no ratings: measure it with --ranking (or the temporal split)');
  const kfold = spec.kind === 'kfold';
  if (kfold && flags.out !== undefined) throw new UsageError('--out: a k-fold run trains one model per fold and saves none');
  const out = checkpointStem(stringFlag(flags, 'out') ?? `runs/${kind}`);
  if (!kfold) await prepareOutput(out); // before any work, so a bad --out never costs a run
  const source = await readData(stringFlag(flags, 'data'));
  const { ratings } = source;
  io.log(`data   ${describeSource(source.source)}: ${thousands(ratings.ratings.length)} ratings by ${thousands(ratings.userIds.length)} users of ${thousands(ratings.itemIds.length)} items (${ratings.scale.join('–')} stars)`);
  if (kfold) return trainFolds(source, kind, overrides, settings, spec, io);

  const data = prepareData(ratings, spec, source.movies);
  io.log(`split  ${describeSplit(spec)}: ${thousands(data.train.length)} to train, ${thousands(data.test.length)} held out`);
  const { model, result, rows } = await trainAndCompare(data, kind, overrides, settings, io);
  io.log('');
  io.log(comparisonTable(rows));
  io.log('');
  const meta = await saveCheckpoint(out, model, {
    ids: { users: ratings.userIds, items: ratings.itemIds },
    data: { source: source.source, ratings: ratings.ratings.length, scale: ratings.scale, split: spec },
    training: { epochs: settings.epochs, batchSize: settings.batchSize, lr: settings.lr, reg: settings.reg, seed: settings.seed, seconds: result.seconds, epochsDone: result.epochs.length },
    metrics: rows,
  });
  io.log(`saved ${out}.json and ${join(dirname(out), meta.weights)}`);
}

/** k models, one per fold, each beside the baselines; then the mean ± std of every row. */
async function trainFolds(source: SourceData, kind: ModelKind, overrides: Partial<ConfigInput>, settings: RunSettings, spec: SplitSpec & { kind: 'kfold' }, io: CliIO): Promise<void> {
  const folds = [];
  for (let fold = 0; fold < spec.folds; fold++) {
    const foldSpec = { ...spec, fold };
    const data = prepareData(source.ratings, foldSpec, source.movies);
    io.log(`\nsplit  ${describeSplit(foldSpec)}: ${thousands(data.train.length)} to train, ${thousands(data.test.length)} held out`);
    const { rows, result } = await trainAndCompare(data, kind, overrides, settings, io);
    folds.push(rows);
    if (result.stopped) return;
  }
  io.log('');
  io.log(`${spec.folds}-fold cross-validation (mean ± standard deviation over the folds):`);
  io.log(foldTable(folds));
}

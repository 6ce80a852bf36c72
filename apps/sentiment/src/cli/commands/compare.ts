import { writeFile } from 'node:fs/promises';
import { choiceFlag, numberFlag, stringFlag, UsageError, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { describeSplit, makeSplit } from '../../data/splits.js';
import { MODEL_KINDS, type ModelKind } from '../../models/config.js';
import { describeData, readData } from '../data.js';
import { modelOptions, trainSettings } from '../options.js';
import { foldTable, type FoldSummary } from '../report.js';
import { trainOnSplit } from '../run.js';

/** `--models a,b`: known kinds, each once. */
function modelsFlag(flags: RawFlags): ModelKind[] {
  const raw = stringFlag(flags, 'models');
  if (raw === undefined) return [...MODEL_KINDS];
  const kinds = raw.split(',').map((k) => k.trim());
  for (const k of kinds) if (!MODEL_KINDS.includes(k as ModelKind)) throw new UsageError(`--models: '${k}' is not one of ${MODEL_KINDS.join(', ')}`);
  if (new Set(kinds).size !== kinds.length) throw new UsageError(`--models names a model twice: ${raw}`);
  return kinds as ModelKind[];
}

/**
 * `sentiment compare`: every model on each of k stratified folds (tested on the fold, stopped early on the next),
 * then one table of mean ± standard deviation; `--out` also writes it.
 * @example await compareCommand({ folds: '10', out: 'results.md' }, processIO())
 */
export async function compareCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const kinds = modelsFlag(flags);
  const folds = numberFlag(flags, 'folds', 10, { integer: true, min: 3 });
  const format = choiceFlag(flags, 'format', ['markdown', 'csv'], 'markdown');
  const options = modelOptions(flags, kinds);
  const seed = numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 });
  const data = await readData(flags);
  io.log(`data   ${describeData(data)}`);
  io.log(`split  ${describeSplit({ kind: 'kfold', folds, fold: 0, seed }).replace(', fold 1', '')}: each fold tested once, the next used to stop early, the rest trained on`);
  const summaries: FoldSummary[] = [];
  for (const kind of kinds) {
    const settings = trainSettings(flags, kind);
    const summary: FoldSummary = { model: kind, accuracy: [], macroF1: [], perSource: {}, seconds: [] };
    for (let fold = 0; fold < folds; fold++) {
      const split = makeSplit(data.examples, { kind: 'kfold', folds, fold, seed });
      const { test, result } = await trainOnSplit(data, split, kind, options, settings, io, false);
      if (result.stopped) return;
      summary.accuracy.push(test.accuracy);
      summary.macroF1.push(test.macroF1);
      summary.seconds.push(result.seconds);
      for (const s of test.perSource) (summary.perSource[s.source] ??= []).push(s.accuracy);
      io.log(`${kind}  fold ${fold + 1}/${folds}  accuracy ${test.accuracy.toFixed(4)}  macro-F1 ${test.macroF1.toFixed(4)}  epoch ${result.bestEpoch} of ${result.epochs.length} kept  ${result.seconds.toFixed(1)} s`);
    }
    summaries.push(summary);
  }
  const table = foldTable(summaries, format);
  io.log('');
  io.log(`${folds}-fold cross-validation on test folds (mean ± standard deviation over the folds; train s: seconds to train one fold):`);
  io.log('');
  io.log(table);
  const out = stringFlag(flags, 'out');
  if (out) {
    await writeFile(out, `${table}\n`);
    io.log(`\nwrote ${out}`);
  }
}

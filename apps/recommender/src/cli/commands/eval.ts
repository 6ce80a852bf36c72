import { thousands, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { describeSplit } from '../../data/splits.js';
import { compareModels } from '../../eval/evaluate.js';
import { describeModel } from '../../models/config.js';
import { describeSource } from '../files.js';
import { comparisonTable } from '../report.js';
import { openSession } from '../session.js';

/**
 * `recommender eval`: a checkpoint beside the baselines on the ratings it held out: RMSE and MAE (not for bpr), and
 * with `--ranking` (always for the temporal split) precision, recall and NDCG at 10 against popularity.
 * @example await evalCommand({ checkpoint: 'runs/mf' }, processIO())
 */
export async function evalCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { model, meta, data, stem } = await openSession(flags);
  io.log(`model  ${stem}: ${describeModel(meta.config)}, trained ${meta.training.epochsDone} epochs`);
  io.log(`data   ${describeSource(meta.data.source)}, ${describeSplit(data.spec)}: ${thousands(data.train.length)} to train, ${thousands(data.test.length)} held out`);
  const ranking = flags.ranking === true || data.spec.kind === 'temporal';
  const rows = compareModels({ train: data.train, test: data.test, scale: data.scale, models: [{ name: meta.config.kind, model }], ranking, ratings: data.spec.kind !== 'temporal' });
  io.log('');
  io.log(comparisonTable(rows));
}

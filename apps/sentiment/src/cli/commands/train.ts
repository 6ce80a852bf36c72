import { dirname, join } from 'node:path';
import { stringFlag, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { checkpointStem, prepareOutput } from '@typegrad/app-kit/node';
import { SENTIMENT_ATTRIBUTION } from '@typegrad/datasets';
import { describeSplit, makeSplit } from '../../data/splits.js';
import { saveClassifier } from '../../checkpoint/files.js';
import { describeModel } from '../../models/config.js';
import { describeData, readData } from '../data.js';
import { modelFlag, modelOptions, splitFlags, trainSettings } from '../options.js';
import { evaluationReport } from '../report.js';
import { trainOnSplit } from '../run.js';

/**
 * `sentiment train`: trains one model on a stratified split, prints its figures on test and saves a checkpoint.
 * @example await trainCommand({ model: 'embedding-bag' }, processIO())
 */
export async function trainCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const kind = modelFlag(flags);
  const options = modelOptions(flags, [kind]);
  const settings = trainSettings(flags, kind);
  const spec = splitFlags(flags);
  const out = checkpointStem(stringFlag(flags, 'out') ?? `runs/${kind}`);
  await prepareOutput(out); // before any work, so a bad --out never costs a run
  const data = await readData(flags);
  io.log(`data   ${describeData(data)}`);
  const split = makeSplit(data.examples, spec);
  io.log(`split  ${describeSplit(spec)}: ${split.train.length} train, ${split.dev.length} dev, ${split.test.length} test`);
  const { classifier, result, test } = await trainOnSplit(data, split, kind, options, settings, io, true);
  io.log(`model  ${describeModel(classifier.config)}`);
  const ended = result.stopped ? 'stopped' : result.earlyStopped ? 'stopped early' : 'trained';
  io.log(`${ended} after ${result.epochs.length} epochs in ${result.seconds.toFixed(1)} s; kept epoch ${result.bestEpoch} (dev accuracy ${(result.epochs[result.bestEpoch - 1]?.devAccuracy ?? 0).toFixed(4)})`);
  io.log('');
  io.log(evaluationReport(test, classifier.classes));
  io.log('');
  const meta = await saveClassifier(out, classifier, {
    data: { name: data.name, examples: data.examples.length, split: spec },
    training: { epochs: settings.epochs, batchSize: settings.batchSize, lr: settings.lr, weightDecay: settings.weightDecay, patience: settings.patience, monitor: settings.monitor ?? 'accuracy', classWeights: settings.classWeights, seed: settings.seed, bestEpoch: result.bestEpoch, epochsRun: result.epochs.length, seconds: result.seconds },
    test,
  });
  io.log(`saved ${out}.json, ${join(dirname(out), meta.weights)} and ${join(dirname(out), meta.features)}`);
  if (data.name === 'sentiment-sentences') io.log(`data: ${SENTIMENT_ATTRIBUTION}`);
}

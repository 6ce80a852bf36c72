/** One training run on one split, as `train` and `compare` run it: the classifier, its epochs, its test figures. */
import { Progress, type CliIO } from '@typegrad/app-kit';
import { Generator } from '@typegrad/tensor';
import { pick, type TextDataset } from '../data/examples.js';
import type { Split } from '../data/splits.js';
import { evaluateClassifier, type Evaluation } from '../eval/metrics.js';
import type { TextClassifier } from '../models/classifier.js';
import type { ModelKind } from '../models/config.js';
import { createClassifier, type ModelOptions } from '../models/create.js';
import { trainClassifier, type TrainResult } from '../train/train.js';
import type { TrainSettings } from './options.js';

/** What a run gives back. */
export interface RunOutcome {
  classifier: TextClassifier;
  result: TrainResult;
  test: Evaluation;
}

/**
 * Fits the features on the training texts, trains with a progress line (loss, dev accuracy) and a line per epoch
 * when `verbose`, restores the best epoch's weights and measures them on test.
 * @example const { classifier, test } = await trainOnSplit(data, split, 'bow-logreg', {}, settings, io, true);
 */
export async function trainOnSplit(data: TextDataset, split: Split, kind: ModelKind, options: ModelOptions, s: TrainSettings, io: CliIO, verbose: boolean): Promise<RunOutcome> {
  const generator = new Generator().manualSeed(s.seed);
  const train = pick(data.examples, split.train);
  const classifier = createClassifier(kind, train.map((e) => e.text), data.classes, options, generator, train.map((e) => e.label));
  const perEpoch = Math.ceil(train.length / s.batchSize);
  const progress = verbose ? new Progress(io.stdout, { steps: perEpoch * s.epochs, plain: s.plain, logEvery: perEpoch }) : null;
  let devAccuracy = '';
  const result = await trainClassifier(classifier, train, pick(data.examples, split.dev), {
    ...s,
    generator,
    signal: io.signal,
    onStep: progress ? ({ step, loss, lr }) => progress.step(step, loss, lr) : undefined,
    onEpoch: (e) => {
      devAccuracy = e.devAccuracy.toFixed(4);
      progress?.log(`epoch ${e.epoch}/${s.epochs}  loss ${e.loss.toFixed(4)}  dev accuracy ${devAccuracy}  dev loss ${e.devLoss.toFixed(4)}  ${e.seconds.toFixed(2)} s${e.best ? '  best' : ''}`);
    },
  });
  progress?.done();
  return { classifier, result, test: evaluateClassifier(classifier, pick(data.examples, split.test)) };
}

/** One training run on prepared data, as `train` prints it: the model, its epochs, and the comparison table. */
import { Progress, thousands, type CliIO } from '@typegrad/app-kit';
import { Generator } from '@typegrad/tensor';
import { fitBiases } from '../baselines/biases.js';
import { meanRating } from '../data/interactions.js';
import type { PreparedData } from '../data/prepare.js';
import { compareModels, modelScores, predictRatings, type ComparisonRow } from '../eval/evaluate.js';
import { rankingMetrics } from '../eval/ranking-metrics.js';
import { ratingErrors } from '../eval/rating-metrics.js';
import { describeModel, modelConfig, type ConfigInput, type ModelKind } from '../models/config.js';
import { createModel } from '../models/create.js';
import type { RatingModel } from '../models/rating-model.js';
import { trainModel, type TrainResult } from '../train/train.js';

/** How `train` trains. */
export interface RunSettings {
  epochs: number;
  batchSize: number;
  lr: number;
  reg: number;
  seed: number;
  ranking: boolean;
  plain: boolean;
}

/** What a run gives back. */
export interface RunOutcome {
  model: RatingModel;
  result: TrainResult;
  rows: ComparisonRow[];
}

/**
 * Builds the model, trains it with a progress line and a line per epoch (the training loss and, on the held-out
 * ratings, the RMSE, or NDCG@10 for bpr), then measures it beside the baselines.
 * @example const { model, rows } = await trainAndCompare(data, 'mf', {}, settings, io);
 */
export async function trainAndCompare(data: PreparedData, kind: ModelKind, overrides: Partial<ConfigInput>, s: RunSettings, io: CliIO): Promise<RunOutcome> {
  const { train, test, scale } = data;
  const generator = new Generator().manualSeed(s.seed);
  const config = modelConfig(kind, { numUsers: data.all.numUsers, numItems: data.all.numItems, mean: meanRating(train), scale, ...overrides });
  const model = createModel(config, generator);
  const parameters = model.parameters().reduce((n, p) => n + p.numel, 0);
  io.log(`model  ${describeModel(config)}: ${thousands(parameters)} parameters`);
  const perEpoch = Math.ceil(train.length / s.batchSize);
  const optimizers = model.denseParameters().length ? 'SparseAdam on the embeddings, Adam on the layers' : 'SparseAdam';
  io.log(`train  ${s.epochs} epochs of ${thousands(perEpoch)} batches of ${s.batchSize}, ${optimizers}, lr ${s.lr} falling along a cosine to 0, reg ${s.reg}, seed ${s.seed}`);
  const progress = new Progress(io.stdout, { steps: perEpoch * s.epochs, plain: s.plain, logEvery: perEpoch });
  const heldOut = (): string => {
    if (kind === 'bpr') return `test NDCG@10 ${rankingMetrics(modelScores(model), train, test, 10).ndcg.toFixed(4)}`;
    return `test RMSE ${ratingErrors(predictRatings(model, test), test.ratings, scale).rmse.toFixed(4)}`;
  };
  const result = await trainModel(model, train, {
    epochs: s.epochs,
    batchSize: s.batchSize,
    lr: s.lr,
    reg: s.reg,
    generator,
    signal: io.signal,
    onStep: ({ step, loss, lr }) => progress.step(step, loss, lr),
    onEpoch: ({ epoch, loss, seconds }) => progress.log(`epoch ${epoch}/${s.epochs}  loss ${loss.toFixed(4)}  ${heldOut()}  ${seconds.toFixed(2)} s`),
  });
  progress.done();
  const done = result.epochs.length;
  const mean = result.epochs.reduce((a, e) => a + e.seconds, 0) / Math.max(1, done);
  io.log(`${result.stopped ? 'stopped after' : 'trained'} ${done} epoch${done === 1 ? '' : 's'} in ${result.seconds.toFixed(1)} s (${mean.toFixed(2)} s an epoch of ${thousands(train.length)} ratings)`);
  const rows = compareModels({ train, test, scale, models: [{ name: kind, model }], ranking: s.ranking, ratings: data.spec.kind !== 'temporal', biases: fitBiases(train) });
  return { model, result, rows };
}

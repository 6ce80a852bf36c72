/**
 * The training loop of every model: epochs of shuffled minibatches; MSE on ratings (mf, nn) or the BPR ranking loss
 * on interactions with sampled negatives (bpr); the squared embedding rows a batch reads as its weight decay;
 * SparseAdam on the embeddings and Adam on the rest, the learning rate falling along a cosine to 0.
 */
import { binaryCrossEntropyWithLogits, mseLoss } from '@typegrad/nn';
import { onesLike, tensor, type Generator, type Tensor } from '@typegrad/tensor';
import { batchesPerEpoch, epochBatches, type Batch } from '../data/batches.js';
import { itemsByUser, type Interactions } from '../data/interactions.js';
import type { RatingModel } from '../models/rating-model.js';
import { sampleNegatives } from './negatives.js';
import { cosineLr, optimizersFor, setLr } from './optimizers.js';

/** How a model trains. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** The peak learning rate (the schedule falls from it to 0). */
  lr: number;
  /** Weight of the squared embedding rows a batch reads, added to its loss. */
  reg: number;
  /** Draws each epoch's order (and bpr's negatives). */
  generator: Generator;
  /** After each epoch: its mean training loss and how long it took. */
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** After each step (1-based over the run), with its loss and learning rate; a promise it returns is awaited. */
  onStep?: (info: { step: number; steps: number; loss: number; lr: number }) => void | Promise<void>;
  /** Stops after the current step. */
  signal?: AbortSignal;
}

/** What {@link TrainOptions.onEpoch} is told. */
export interface EpochInfo {
  epoch: number;
  loss: number;
  seconds: number;
}

/** What a run did: its epochs' losses and times, and whether it was stopped. */
export interface TrainResult {
  epochs: EpochInfo[];
  seconds: number;
  stopped: boolean;
}

/** The loss of one batch: MSE on ratings, or BPR's −log σ(s(u, i) − s(u, j)) with a sampled negative j. */
type BatchLoss = (batch: Batch) => Tensor;

function mseBatchLoss(model: RatingModel, reg: number): BatchLoss {
  return ({ users, items, ratings }) => {
    const { output, penalty } = model.forwardWithPenalty(users, items);
    return mseLoss(output, ratings).add(penalty.mul(reg));
  };
}

function bprBatchLoss(model: RatingModel, train: Interactions, reg: number, generator: Generator): BatchLoss {
  const seen = itemsByUser(train);
  return ({ users, items }) => {
    const negatives = tensor(sampleNegatives(users.dataSync() as Int32Array, seen, train.numItems, generator), { dtype: 'int32' });
    const positive = model.forwardWithPenalty(users, items);
    const negative = model.forwardWithPenalty(users, negatives);
    const x = positive.output.sub(negative.output);
    return binaryCrossEntropyWithLogits(x, onesLike(x)).add(positive.penalty.add(negative.penalty).mul(reg));
  };
}

/**
 * Trains a model on its training interactions (async: it yields to the event loop every 100 ms, so a page stays
 * responsive and Ctrl-C is heard).
 * @example await trainModel(model, train, { epochs: 5, batchSize: 256, lr: 0.01, reg: 0.1, generator: g });
 */
export async function trainModel(model: RatingModel, train: Interactions, o: TrainOptions): Promise<TrainResult> {
  const optimizers = optimizersFor(model, o.lr);
  const lossOf = model.config.kind === 'bpr' ? bprBatchLoss(model, train, o.reg, o.generator) : mseBatchLoss(model, o.reg);
  const perEpoch = batchesPerEpoch(train.length, o.batchSize);
  const steps = perEpoch * o.epochs;
  const epochs: EpochInfo[] = [];
  const started = performance.now();
  let lastYield = started;
  let step = 0;
  model.train();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const epochStart = performance.now();
    let total = 0;
    let count = 0;
    for (const batch of epochBatches(train, o.batchSize, o.generator)) {
      const lr = cosineLr(step, steps, o.lr);
      setLr(optimizers, lr);
      for (const opt of optimizers) opt.zeroGrad();
      const loss = lossOf(batch);
      loss.backward();
      for (const opt of optimizers) opt.step();
      const value = loss.itemSync();
      total += value * batch.positions.length;
      count += batch.positions.length;
      step++;
      const after = o.onStep?.({ step, steps, loss: value, lr });
      if (after) await after;
      if (performance.now() - lastYield > 100) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      if (o.signal?.aborted) break;
    }
    const info = { epoch, loss: total / Math.max(1, count), seconds: (performance.now() - epochStart) / 1000 };
    if (count > 0) epochs.push(info);
    if (o.signal?.aborted) break;
    await o.onEpoch?.(info);
  }
  model.eval();
  return { epochs, seconds: (performance.now() - started) / 1000, stopped: o.signal?.aborted === true };
}

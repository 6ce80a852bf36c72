/**
 * The training loop of every model: epochs of seeded, shuffled minibatches; cross-entropy (optionally weighted by
 * class); AdamW with decoupled weight decay on the weight matrices; dropout while training; after each epoch the
 * accuracy and loss on dev, and early stopping when the monitored one has not improved for `patience` epochs, the best epoch's weights
 * restored at the end.
 */
import { noGrad } from '@typegrad/autograd';
import { crossEntropy } from '@typegrad/nn';
import { AdamW } from '@typegrad/optim';
import { randperm, tensor, type Generator, type Tensor } from '@typegrad/tensor';
import type { LabelledText } from '../data/examples.js';
import type { EncodedText, TextClassifier } from '../models/classifier.js';

/** How a classifier trains. @example { epochs: 20, batchSize: 32, lr: 1e-3, weightDecay: 0.01, patience: 3, generator } */
export interface TrainOptions {
  /** The most epochs (early stopping may end sooner). */
  epochs: number;
  batchSize: number;
  lr: number;
  /** AdamW's decoupled weight decay, on the weight matrices (not biases, LayerNorms or position tables' 1-d parts). */
  weightDecay: number;
  /** Stop after this many epochs without a better dev figure (0: never stop early). */
  patience: number;
  /** The dev figure that picks the best epoch: 'accuracy' (ties broken by the lower loss, default) or 'loss'. */
  monitor?: 'accuracy' | 'loss';
  /** 'balanced': each class weighted n / (classes × its count), so rare classes count as much as common ones. */
  classWeights?: 'none' | 'balanced';
  /** Draws the batches' order and the dropout masks. */
  generator: Generator;
  /** After each step (1-based), with its loss and learning rate; a promise it returns is awaited. */
  onStep?: (info: { step: number; steps: number; loss: number; lr: number }) => void | Promise<void>;
  /** After each epoch. */
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Stops after the current step; the best weights so far are kept. */
  signal?: AbortSignal;
}

/** One epoch: its mean training loss, dev accuracy and loss, time, and whether it is the best so far. */
export interface EpochInfo {
  epoch: number;
  loss: number;
  devAccuracy: number;
  devLoss: number;
  seconds: number;
  best: boolean;
}

/** What a run did. */
export interface TrainResult {
  epochs: EpochInfo[];
  /** The epoch whose weights the classifier now has (0: none finished). */
  bestEpoch: number;
  seconds: number;
  /** Stopped by the signal (Ctrl-C). */
  stopped: boolean;
  /** Ended by early stopping before the last epoch. */
  earlyStopped: boolean;
}

/** Accuracy and mean cross-entropy of encoded examples. */
function evaluate(classifier: TextClassifier, rows: readonly EncodedText[], labels: Int32Array, batchSize = 256): { accuracy: number; loss: number } {
  let correct = 0;
  let loss = 0;
  noGrad(() => {
    for (let start = 0; start < rows.length; start += batchSize) {
      const logits = classifier.forward(classifier.input(rows.slice(start, start + batchSize)));
      const target = tensor(labels.subarray(start, start + logits.shape[0]), { dtype: 'int32' });
      loss += crossEntropy(logits, target, { reduction: 'sum' }).itemSync();
      const predicted = logits.argmax(1).dataSync();
      for (let k = 0; k < predicted.length; k++) if (predicted[k] === labels[start + k]) correct++;
    }
  });
  return { accuracy: correct / Math.max(1, rows.length), loss: loss / Math.max(1, rows.length) };
}

/** The class weights 'balanced' asks for: n / (classes × count). */
export function balancedWeights(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts.map((c) => (c === 0 ? 0 : labels.length / (numClasses * c)));
}

/**
 * Trains `classifier` on `train`, stopping early on `dev` (async: it yields to the event loop every 100 ms, so a
 * page stays responsive and Ctrl-C is heard).
 * @example const result = await trainClassifier(classifier, train, dev, { epochs: 20, batchSize: 32, lr: 1e-3, weightDecay: 0.01, patience: 3, generator });
 */
export async function trainClassifier(classifier: TextClassifier, train: readonly LabelledText[], dev: readonly LabelledText[], o: TrainOptions): Promise<TrainResult> {
  const module = classifier.module;
  const rows = train.map((e) => classifier.encode(e.text));
  const labels = Int32Array.from(train, (e) => e.label);
  const devRows = dev.map((e) => classifier.encode(e.text));
  const devLabels = Int32Array.from(dev, (e) => e.label);
  const params = module.parameters();
  const optimizer = new AdamW(
    [
      { params: params.filter((p) => p.ndim >= 2), weightDecay: o.weightDecay },
      { params: params.filter((p) => p.ndim < 2), weightDecay: 0 },
    ],
    { lr: o.lr },
  );
  const weight: Tensor | undefined = o.classWeights === 'balanced' ? tensor(balancedWeights(labels, classifier.classes.length)) : undefined;
  const perEpoch = Math.ceil(rows.length / o.batchSize);
  const steps = perEpoch * o.epochs;
  const epochs: EpochInfo[] = [];
  const started = performance.now();
  let lastYield = started;
  let step = 0;
  let best: { epoch: number; accuracy: number; loss: number; state: Record<string, Tensor> } | null = null;
  let stopped = false;
  let earlyStopped = false;
  for (let epoch = 1; epoch <= o.epochs && !stopped; epoch++) {
    const epochStart = performance.now();
    module.train();
    const order = randperm(rows.length, { generator: o.generator }).dataSync();
    let total = 0;
    for (let start = 0; start < rows.length; start += o.batchSize) {
      const picked = Array.from(order.subarray(start, start + o.batchSize));
      const target = tensor(Int32Array.from(picked, (i) => labels[i]), { dtype: 'int32' });
      optimizer.zeroGrad();
      const loss = crossEntropy(classifier.forward(classifier.input(picked.map((i) => rows[i]))), target, { weight });
      loss.backward();
      optimizer.step();
      const value = loss.itemSync();
      total += value * picked.length;
      step++;
      const after = o.onStep?.({ step, steps, loss: value, lr: o.lr });
      if (after) await after;
      if (performance.now() - lastYield > 100) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
      if (o.signal?.aborted) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    module.eval();
    const { accuracy, loss } = evaluate(classifier, devRows, devLabels);
    const improved = best === null || (o.monitor === 'loss' ? loss < best.loss : accuracy > best.accuracy || (accuracy === best.accuracy && loss < best.loss));
    if (improved) best = { epoch, accuracy, loss, state: Object.fromEntries(Object.entries(module.stateDict()).map(([k, t]) => [k, t.clone()])) };
    const info: EpochInfo = { epoch, loss: total / rows.length, devAccuracy: accuracy, devLoss: loss, seconds: (performance.now() - epochStart) / 1000, best: improved };
    epochs.push(info);
    await o.onEpoch?.(info);
    if (o.patience > 0 && best && epoch - best.epoch >= o.patience && epoch < o.epochs) {
      earlyStopped = true;
      break;
    }
  }
  if (best) module.loadStateDict(best.state);
  module.eval();
  return { epochs, bestEpoch: best?.epoch ?? 0, seconds: (performance.now() - started) / 1000, stopped, earlyStopped };
}

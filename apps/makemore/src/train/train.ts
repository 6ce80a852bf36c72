import { crossEntropy } from '@typegrad/nn';
import { AdamW, SGD, clipGradNorm, cosineWithWarmup, stepDecay, type LRScheduler, type Optimizer, type OptimizerStateDict, type SchedulerStateDict } from '@typegrad/optim';
import { randint, Tensor, type Generator } from '@typegrad/tensor';
import { configureOptimizer } from '@typegrad/transformer';
import { IGNORE, type Examples } from '../data/examples.js';
import { BigramCounts } from '../models/bigram-counts.js';
import type { LanguageModel } from '../models/language-model.js';
import { evaluateLoss } from './evaluate.js';

/**
 * The optimizer: the lectures' plain SGD, or AdamW (makemore's transformer: betas (0.9, 0.99), eps 1e-8, weight
 * decay 0.01), optionally with a warmup and a cosine decay of the rate instead of the step decay.
 * @example { kind: 'adamw', betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0.01, schedule: 'cosine', warmup: 500, minLr: 5e-5 }
 */
export type OptimizerChoice =
  | { kind: 'sgd' }
  | {
      kind: 'adamw';
      betas: [number, number];
      eps: number;
      weightDecay: number;
      /** Which parameters decay: all (makemore's), or linear layers' weights only (nanoGPT's groups; default all). */
      decay?: 'all' | 'linear-weights';
      schedule?: 'step' | 'cosine';
      warmup?: number;
      minLr?: number;
    };

/**
 * How to train: the lecture's minibatch SGD with a step decay of the learning rate (or AdamW, for the transformer).
 * @example { steps: 200_000, batchSize: 32, lr: 0.1, decayAt: 100_000, generator: new Generator().manualSeed(2147483647) }
 */
export interface TrainOptions {
  /** Default `{ kind: 'sgd' }`, the lectures'. */
  optimizer?: OptimizerChoice;
  /** The optimizer's state when resuming (AdamW's moments). */
  optimizerState?: OptimizerStateDict;
  /** Total optimisation steps (when resuming, including those already done). */
  steps: number;
  /** Examples per step, drawn with `randint(0, n, [batchSize], { generator })`; 0 (or ≥ n) for the whole set, in order. */
  batchSize: number;
  /** The learning rate until `decayAt`. */
  lr: number;
  /** The step from which the rate is `lr · decayFactor` (the lecture: 100,000 of 200,000). Default half the steps; null for none. */
  decayAt?: number | null;
  /** Default 0.1: 0.1 then 0.01. */
  decayFactor?: number;
  /** λ of the lecture's regularisation, λ · mean(W²) added to the loss for each weight matrix. Default 0. */
  regularization?: number;
  /** The generator minibatches are drawn from (the one the weights came from, as in the lecture). */
  generator: Generator;
  /** The step to start from when resuming (default 0), and the schedule's saved state. */
  startStep?: number;
  schedulerState?: SchedulerStateDict;
  /** Evaluate every this many steps (0: only at the end). Default 0. */
  evalEvery?: number;
  /** The examples evaluated along the way, by name (e.g. `{ train: firstOfTrain, dev }`). */
  evalSets?: Record<string, Examples>;
  /** Evaluates instead of `evalSets` (text mode estimates its losses on random windows). */
  evaluate?: () => Promise<Record<string, number>>;
  /** Clip the gradients' global norm to this before each update (nanoGPT's grad_clip). */
  clipNorm?: number;
  /** Called after every step, and awaited. */
  onStep?: (info: StepInfo) => void | Promise<void>;
  /** Called after each evaluation, and awaited. */
  onEval?: (info: EvalInfo) => void | Promise<void>;
  /** Stops training at the next step boundary (the result says so; the model keeps its weights). */
  signal?: AbortSignal;
  /** Yield to the event loop at least this often, so a page stays responsive and signals are seen. Default 100 ms. */
  yieldEveryMs?: number;
}

/** Reported after each step. */
export interface StepInfo {
  /** Steps done (1 after the first). */
  step: number;
  steps: number;
  /** This minibatch's loss (regularisation included). */
  loss: number;
  /** The rate this step used. */
  lr: number;
  /** Seconds since training (this run) started. */
  seconds: number;
  /** Steps this run has done. */
  stepsThisRun: number;
  /** The schedule's and the optimizer's state after this step, for a checkpoint to resume from. */
  snapshot(): { schedulerState: SchedulerStateDict | null; optimizerState: OptimizerStateDict | null };
}

/** Reported after each evaluation: the mean loss on each evaluated set. */
export interface EvalInfo {
  step: number;
  losses: Record<string, number>;
}

/** What a training run did. */
export interface TrainResult {
  /** The step reached (equal to `steps` unless stopped). */
  step: number;
  /** Whether the signal stopped it early. */
  stopped: boolean;
  /** Each step's loss, in order (this run only). */
  losses: number[];
  seconds: number;
  /** The schedule's state, for resuming. */
  schedulerState: SchedulerStateDict | null;
  /** The optimizer's state (AdamW's moments; nothing for plain SGD), for resuming. */
  optimizerState: OptimizerStateDict | null;
}

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Trains a model on examples, as the lectures do. The count model is fitted by counting the training examples
 * (the options are not used); the networks are trained with SGD: each step draws a minibatch, computes the
 * cross-entropy (plus any regularisation), back-propagates and updates, and the learning-rate schedule steps.
 *
 * @example
 * const g = new Generator().manualSeed(2147483647);
 * const model = createModel(modelConfig('mlp', 27), g);
 * await trainModel(model, splits.train, { steps: 30_000, batchSize: 32, lr: 0.1, generator: g,
 *   onStep: ({ step, loss }) => { if (step % 1000 === 0) console.log(step, loss); } });
 */
export async function trainModel(model: LanguageModel, train: Examples | BatchSource, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (model instanceof BigramCounts) {
    if (!('X' in train)) throw new Error('trainModel: the count model is fitted to examples, not to a stream of batches');
    model.fit(train.X, train.Y);
    return { step: 0, stopped: false, losses: [], seconds: seconds(), schedulerState: null, optimizerState: null };
  }
  const { steps, batchSize, lr, generator, startStep = 0, evalEvery = 0, regularization = 0, yieldEveryMs = 100 } = options;
  checkOptions(options);
  const decayAt = options.decayAt === undefined ? Math.floor(steps / 2) : options.decayAt;
  const choice = options.optimizer ?? { kind: 'sgd' };
  const optimizer: Optimizer<{ lr: number }> =
    choice.kind === 'sgd'
      ? new SGD(model.parameters(), { lr })
      : choice.decay === 'linear-weights'
        ? configureOptimizer(model, { lr, betas: choice.betas, eps: choice.eps, weightDecay: choice.weightDecay })
        : new AdamW(model.parameters(), { lr, betas: choice.betas, eps: choice.eps, weightDecay: choice.weightDecay });
  if (options.optimizerState) optimizer.loadStateDict(options.optimizerState);
  let scheduler: LRScheduler | null = null;
  if (choice.kind === 'adamw' && choice.schedule === 'cosine') {
    // a run shorter than the warmup warms up for a tenth of it
    scheduler = cosineWithWarmup(optimizer, { warmupSteps: Math.min(choice.warmup ?? 0, Math.floor(steps / 10)), totalSteps: steps, minLr: choice.minLr ?? 0 });
  } else if (decayAt !== null) {
    scheduler = stepDecay(optimizer, { after: decayAt, factor: options.decayFactor ?? 0.1 });
  }
  if (scheduler) {
    if (options.schedulerState) {
      scheduler.loadStateDict(options.schedulerState);
      optimizer.paramGroups[0].lr = scheduler.getLastLr()[0];
    } else {
      for (let i = 0; i < startStep; i++) scheduler.step();
    }
  }
  const snapshot = () => ({
    schedulerState: scheduler ? scheduler.stateDict() : null,
    // AdamW's moments are copied: the live ones keep changing after a checkpoint is taken
    optimizerState: choice.kind === 'sgd' ? null : copyState(optimizer.stateDict()),
  });
  const weights = model.parameters().filter((p) => p.ndim === 2);
  const source = 'batch' in train ? train : exampleBatches(train);
  const losses: number[] = [];
  let lastYield = performance.now();
  let step = startStep;
  while (step < steps) {
    if (options.signal?.aborted) break;
    const rate = optimizer.paramGroups[0].lr;
    const [xb, yb] = source.batch(batchSize, generator);
    // sequences predict at every position; padding positions carry IGNORE and take no part
    let loss: Tensor = crossEntropy(model.forward(xb), yb.reshape([-1]), { ignoreIndex: IGNORE });
    if (regularization !== 0) for (const w of weights) loss = loss.add(w.square().mean().mul(regularization));
    optimizer.zeroGrad();
    loss.backward();
    if (options.clipNorm !== undefined) clipGradNorm(model.parameters(), options.clipNorm);
    optimizer.step();
    scheduler?.step();
    const value = await loss.item();
    losses.push(value);
    step++;
    if (!Number.isFinite(value)) throw new Error(`training diverged at step ${step}: the loss is ${value} (try a lower learning rate than ${rate})`);
    await options.onStep?.({ step, steps, loss: value, lr: rate, seconds: seconds(), stepsThisRun: step - startStep, snapshot });
    if (evalEvery > 0 && step % evalEvery === 0 && step < steps && (options.evalSets || options.evaluate)) {
      await options.onEval?.({ step, losses: options.evaluate ? await options.evaluate() : await evaluateAll(model, options.evalSets!) });
    }
    if (performance.now() - lastYield > yieldEveryMs) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  return { step, stopped: step < steps, losses, seconds: seconds(), ...snapshot() };
}

/** The mean loss on each named set. @example await evaluateAll(model, { train, dev }) // { train: 2.12, dev: 2.15 } */
export async function evaluateAll(model: LanguageModel, sets: Record<string, Examples>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, examples] of Object.entries(sets)) out[name] = await evaluateLoss(model, examples);
  return out;
}

function checkOptions(o: TrainOptions): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  };
  int('steps', o.steps, 0);
  int('batchSize', o.batchSize, 0);
  int('startStep', o.startStep ?? 0, 0);
  int('evalEvery', o.evalEvery ?? 0, 0);
  if (o.decayAt !== undefined && o.decayAt !== null) int('decayAt', o.decayAt, 0);
  if (!(o.lr > 0 && Number.isFinite(o.lr))) throw new RangeError(`lr must be a positive number, got ${o.lr}`);
  if ((o.startStep ?? 0) > o.steps) throw new RangeError(`cannot resume at step ${o.startStep} of a run of ${o.steps} steps (raise steps)`);
}

/** Where minibatches come from: examples drawn by row, or windows of a text (text mode). */
export interface BatchSource {
  /** A minibatch (X, Y) of `size` rows drawn from `generator`; size 0 for all of them. */
  batch(size: number, generator: Generator): [Tensor, Tensor];
}

/**
 * Minibatches of examples as the lectures draw them: `randint(0, n, [size], { generator })` rows (in order, all of
 * them, for size 0 or at least n).
 * @example exampleBatches(splits.train).batch(32, g) // [X [32, 3], Y [32]]
 */
export function exampleBatches(examples: Examples): BatchSource {
  const { X, Y } = examples;
  const n = Y.shape[0];
  return {
    batch(size, generator) {
      if (size === 0 || size >= n) return [X, Y];
      const ix = randint(0, n, [size], { generator });
      return [X.indexSelect(0, ix), Y.indexSelect(0, ix)];
    },
  };
}

/** A state dict whose tensors are copies, so later steps do not change it. */
function copyState(state: OptimizerStateDict): OptimizerStateDict {
  const copied: OptimizerStateDict['state'] = {};
  for (const [i, s] of Object.entries(state.state)) {
    copied[Number(i)] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Tensor ? v.clone() : v])) as typeof s;
  }
  return { state: copied, param_groups: state.param_groups };
}

import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Generator } from '@typegrad/tensor';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { restoreGenerator, saveGenerator, type TrainingState } from '../../checkpoint/checkpoint.js';
import { targetCount, vocabularyOf, type Examples } from '../../data/examples.js';
import { prepareData, withExamples, type SplitKind } from '../../data/splits.js';
import { modelConfig } from '../../models/config.js';
import { createModel } from '../../models/create.js';
import type { LanguageModel } from '../../models/language-model.js';
import { embeddingPlot } from '../../plot/embedding.js';
import { LECTURE_SEED, sampleNames } from '../../sample.js';
import { evaluateAll, trainModel } from '../../train/train.js';
import { checkpointStem, describeSource, loadCheckpoint, prepareOutput, readWords, saveCheckpoint } from '../files.js';
import { modelFlags, numberFlag, splitFlag, stringFlag, trainingDefaults, UsageError, type RawFlags } from '../options.js';
import { Progress } from '../progress.js';
import type { CliIO } from '../io.js';
import { formatLosses, printNames, thousands } from '../report.js';

/** Flags that fix the data, the model or the schedule, which a resumed run takes from its checkpoint. */
const FIXED_WHEN_RESUMING = ['model', 'data', 'block-size', 'emb', 'layers', 'heads', 'hidden', 'init', 'input', 'smoothing', 'seed', 'split', 'split-seed', 'batch-size', 'lr', 'decay-at', 'decay-factor', 'reg'];

/** Examples evaluated along the way from the training split: enough for a steady figure, quick to compute. */
const PERIODIC_TRAIN_EXAMPLES = 20_000;

interface Run {
  model: LanguageModel;
  vocab: CharTokenizer;
  names: string[];
  source: string;
  skipInvalid: boolean;
  split: SplitKind;
  splitSeed: number;
  generator: Generator;
  training: Omit<TrainingState, 'generator' | 'scheduler'> & { scheduler: TrainingState['scheduler'] };
  out: string;
}

/** `makemore train`: trains (or resumes), reports losses, saves the checkpoint and prints sampled names. @example await trainCommand({ steps: '30000' }, processIO()) */
export async function trainCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const run = flags.resume !== undefined ? await resumeRun(flags, io) : await newRun(flags, io);
  const { model, vocab, generator, training } = run;
  // every flag and the output location are checked before any work, so a mistake never costs a run
  const evalEvery = numberFlag(flags, 'eval-every', Math.max(1, Math.round(training.steps / 10)), { integer: true, min: 0 });
  const checkpointEvery = numberFlag(flags, 'checkpoint-every', 0, { integer: true, min: 0 });
  const count = numberFlag(flags, 'samples', 20, { integer: true, min: 0 });
  const temperature = numberFlag(flags, 'temperature', 1, { positive: true });
  const plotFile = stringFlag(flags, 'plot-embedding');
  if (plotFile && (model.config.model !== 'mlp' || model.config.embDim !== 2)) throw new UsageError('--plot-embedding needs the mlp with --emb 2');
  await prepareOutput(run.out);
  const words = { names: run.names, source: run.source };
  const sequences = model.config.model === 'transformer';
  const { splits } = prepareData(words.names, { blockSize: model.config.blockSize, split: run.split, seed: run.splitSeed, vocab, sequences });
  // examples are the characters predicted (for the transformer, whole names predict one at every position)
  const sizes = { train: targetCount(splits.train), dev: targetCount(splits.dev), test: targetCount(splits.test) };
  const params = model.parameters().reduce((n, p) => n + p.numel, 0);
  io.log(`model ${describeModel(model)}: ${thousands(params)} parameters`);
  const cut = run.split === 'none' ? 'every name in training (--split none)' : `train ${thousands(sizes.train)}, dev ${thousands(sizes.dev)}, test ${thousands(sizes.test)}`;
  io.log(`data  ${describeSource(words.source)}: ${thousands(words.names.length)} names; examples ${run.split === 'none' ? `${thousands(sizes.train)}, ${cut}` : cut}`);

  const save = (losses: Record<string, number>) =>
    saveCheckpoint(run.out, model, vocab, {
      data: { source: words.source, skipInvalid: run.skipInvalid, split: run.split, splitSeed: run.splitSeed, examples: sizes },
      training: { ...training, generator: saveGenerator(generator) },
      losses,
    });
  const describeOptimizer = () => {
    const o = training.optimizer;
    if (!o || o.kind === 'sgd') return '';
    const warmup = Math.min(o.warmup ?? 0, Math.floor(training.steps / 10)); // as trainModel shortens it
    return `, AdamW (betas ${o.betas.join(', ')}, weight decay ${o.weightDecay})${o.schedule === 'cosine' ? `, warmup ${thousands(warmup)} then cosine to ${o.minLr ?? 0}` : ''}`;
  };

  let stopped = false;
  const started = performance.now();
  if (model.config.model === 'bigram-counts') {
    await trainModel(model, splits.train, { steps: 0, batchSize: 0, lr: 1, generator });
    io.log('counted the training bigrams');
  } else {
    const { steps, batchSize, lr, decayAt, decayFactor, regularization } = training;
    const cosine = training.optimizer?.kind === 'adamw' && training.optimizer.schedule === 'cosine';
    io.log(`train ${thousands(steps - training.step)} steps${training.step ? ` (from step ${thousands(training.step)})` : ''}, batch ${batchSize || 'all'}, lr ${lr}${!cosine && decayAt !== null && decayAt < steps ? ` then ${Number((lr * decayFactor).toPrecision(6))} from step ${thousands(decayAt)}` : ''}${describeOptimizer()}${regularization ? `, regularisation ${regularization}` : ''}, seed ${training.seed}`);
    const progress = new Progress(io.stdout, { steps, startStep: training.step, plain: flags.plain === true });
    const periodic = Math.min(sequences ? PERIODIC_TRAIN_EXAMPLES / 8 : PERIODIC_TRAIN_EXAMPLES, splits.train.Y.shape[0]);
    const trainSample: Examples = { X: splits.train.X.narrow(0, 0, periodic), Y: splits.train.Y.narrow(0, 0, periodic) };
    const result = await trainModel(model, splits.train, {
      steps,
      batchSize,
      lr,
      decayAt,
      decayFactor,
      regularization,
      generator,
      startStep: training.step,
      schedulerState: training.scheduler ?? undefined,
      optimizer: training.optimizer,
      optimizerState: training.optimizerState ?? undefined,
      evalEvery,
      evalSets: withExamples({ train: trainSample, dev: splits.dev }),
      signal: io.signal,
      onStep: async ({ step, loss, lr: rate, snapshot }) => {
        progress.step(step, loss, rate);
        if (checkpointEvery > 0 && step % checkpointEvery === 0 && step < steps) {
          const state = snapshot();
          Object.assign(training, { step, scheduler: state.schedulerState, optimizerState: state.optimizerState });
          await save({});
        }
      },
      onEval: ({ step, losses }) => progress.log(`step ${thousands(step)}: ${formatLosses(losses, { train: `train (first ${thousands(trainSample.Y.shape[0])})` })}`),
    });
    progress.done();
    training.step = result.step;
    training.scheduler = result.schedulerState;
    training.optimizerState = result.optimizerState;
    stopped = result.stopped;
    const seconds = result.seconds;
    const done = result.losses.length;
    io.log(`${stopped ? 'stopped' : 'trained'} ${thousands(done)} steps in ${seconds.toFixed(1)} s (${(done / Math.max(seconds, 1e-9)).toFixed(0)} steps/s)`);
  }

  const losses = await evaluateAll(model, withExamples({ train: splits.train, dev: splits.dev }));
  io.log(`loss  ${formatLosses(losses)}`);
  const meta = await save(losses);
  io.log(`saved ${run.out}.json and ${join(dirname(run.out), meta.weights)} (step ${thousands(meta.training.step)})${stopped ? `; continue with --resume ${run.out}` : ''}`);
  if (plotFile) {
    await writeFile(plotFile, await embeddingPlot(model, vocab));
    io.log(`wrote the character embedding to ${plotFile}`);
  }
  if (count > 0 && !stopped) {
    const names = await sampleNames(model, vocab, { count, temperature, generator: new Generator().manualSeed(LECTURE_SEED) });
    printNames(io, names, `${count} names (temperature ${temperature}, seed ${LECTURE_SEED})`);
  }
  io.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function newRun(flags: RawFlags, io: CliIO): Promise<Run> {
  const { kind, overrides } = modelFlags(flags);
  const words = await readWords(stringFlag(flags, 'data'), undefined, io.log, flags['skip-invalid'] === true);
  const vocab = vocabularyOf(words.names);
  // the transformer reads a whole name after one boundary: by default, a block as long as the longest name + 1
  if (kind === 'transformer') overrides.blockSize ??= Math.max(...words.names.map((w) => [...w].length)) + 1;
  const config = modelConfig(kind, vocab.vocabSize, overrides);
  const seed = numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 });
  const generator = new Generator().manualSeed(seed);
  const model = createModel(config, generator);
  const defaults = trainingDefaults(kind);
  const steps = numberFlag(flags, 'steps', defaults.steps, { integer: true, min: 1 });
  return {
    model,
    vocab,
    names: words.names,
    source: words.source,
    skipInvalid: flags['skip-invalid'] === true,
    split: splitFlag(flags),
    splitSeed: numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 }),
    generator,
    out: checkpointStem(stringFlag(flags, 'out') ?? `runs/${kind}`),
    training: {
      step: 0,
      steps,
      batchSize: numberFlag(flags, 'batch-size', defaults.batchSize, { integer: true, min: 0 }),
      lr: numberFlag(flags, 'lr', defaults.lr, { positive: true }),
      decayAt: numberFlag(flags, 'decay-at', Math.floor(steps / 2), { integer: true, min: 0 }),
      decayFactor: numberFlag(flags, 'decay-factor', 0.1, { positive: true }),
      regularization: numberFlag(flags, 'reg', 0, { min: 0 }),
      seed,
      scheduler: null,
      optimizer: defaults.optimizer,
      optimizerState: null,
    },
  };
}

async function resumeRun(flags: RawFlags, io: CliIO): Promise<Run> {
  const fixed = FIXED_WHEN_RESUMING.filter((name) => flags[name] !== undefined);
  if (fixed.length) throw new UsageError(`${fixed.map((f) => `--${f}`).join(', ')} cannot change when resuming: the checkpoint fixes the data, the model and the schedule (only --steps may grow)`);
  const { model, vocab, meta, stem } = await loadCheckpoint(String(flags.resume));
  const training = { ...meta.training };
  training.steps = numberFlag(flags, 'steps', training.steps, { integer: true, min: 1 });
  if (training.steps < training.step) throw new UsageError(`--steps ${training.steps} is below the checkpoint's step ${training.step}`);
  io.log(`resuming ${stem} at step ${thousands(training.step)} of ${thousands(training.steps)}`);
  const skipInvalid = flags['skip-invalid'] === true || meta.data.skipInvalid === true;
  const words = await readWords(meta.data.source, vocab, io.log, skipInvalid);
  return {
    model,
    vocab,
    names: words.names,
    source: meta.data.source,
    skipInvalid,
    split: meta.data.split ?? 'lecture',
    splitSeed: meta.data.splitSeed,
    generator: restoreGenerator(new Generator(), meta.training.generator),
    out: checkpointStem(stringFlag(flags, 'out') ?? stem),
    training,
  };
}

function describeModel(model: LanguageModel): string {
  const c = model.config;
  if (c.model === 'mlp') return `mlp (block ${c.blockSize}, emb ${c.embDim}, hidden ${c.hidden}, tanh, init ${c.init})`;
  if (c.model === 'bigram') return `bigram (one layer, ${c.input} input)`;
  if (c.model === 'transformer') return `transformer (${c.layers} layers, ${c.heads} heads, emb ${c.embDim}, block ${c.blockSize})`;
  return `bigram-counts (smoothing ${c.smoothing})`;
}

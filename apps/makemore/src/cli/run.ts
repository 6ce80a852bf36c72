/** A training run's set-up: a new one from the flags, or one resumed from its checkpoint. */
import { Generator } from '@typegrad/tensor';
import { CharTokenizer } from '@typegrad/tokenizers';
import type { TrainingState } from '../checkpoint/checkpoint.js';
import { vocabularyOf } from '../data/examples.js';
import type { SplitKind } from '../data/splits.js';
import { isTransformer, modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import type { LanguageModel } from '../models/language-model.js';
import { LECTURE_SEED } from '../sample.js';
import { checkpointStem, loadCheckpoint, readText, readWords } from './files.js';
import type { CliIO } from './io.js';
import { modelFlags, numberFlag, splitFlag, stringFlag, trainingDefaults, UsageError, type RawFlags } from './options.js';
import { thousands } from './report.js';

/** Flags that fix the data, the model or the schedule, which a resumed run takes from its checkpoint. */
const FIXED_WHEN_RESUMING = [
  'model', 'data', 'block-size', 'emb', 'layers', 'heads', 'dropout', 'hidden', 'init', 'input', 'smoothing', 'seed', 'split', 'split-seed', 'batch-size', 'lr',
  'decay-at', 'decay-factor', 'reg', 'grad-clip',
];

/** What a run trains on: names (one a line), or a stream of text (text mode, the gpt). */
export type RunData = { kind: 'names'; names: string[]; skipInvalid: boolean; split: SplitKind; splitSeed: number } | { kind: 'text'; text: string };

/** A run: the model, its vocabulary and data, the generator of its minibatches, its training state and output. */
export interface Run {
  model: LanguageModel;
  vocab: CharTokenizer;
  data: RunData;
  source: string;
  generator: Generator;
  training: Omit<TrainingState, 'generator' | 'scheduler'> & { scheduler: TrainingState['scheduler'] };
  out: string;
}

/** A new run from the flags. @example const run = await newRun({ model: 'mlp' }, io); */
export async function newRun(flags: RawFlags, io: CliIO): Promise<Run> {
  const { kind, overrides } = modelFlags(flags);
  let data: RunData;
  let vocab: CharTokenizer;
  let source: string;
  if (kind === 'gpt') {
    const text = await readText(stringFlag(flags, 'data'));
    for (const name of ['split', 'split-seed', 'skip-invalid']) if (flags[name] !== undefined) throw new UsageError(`--${name} applies to names; text mode splits the text 90/10`);
    vocab = CharTokenizer.fromCorpus(text.text, { boundary: null });
    data = { kind: 'text', text: text.text };
    source = text.source;
  } else {
    const words = await readWords(stringFlag(flags, 'data'), undefined, io.log, flags['skip-invalid'] === true);
    vocab = vocabularyOf(words.names);
    data = { kind: 'names', names: words.names, skipInvalid: flags['skip-invalid'] === true, split: splitFlag(flags), splitSeed: numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 }) };
    source = words.source;
    // the transformer reads a whole name after one boundary: by default, a block as long as the longest name + 1
    if (kind === 'transformer') overrides.blockSize ??= Math.max(...words.names.map((w) => [...w].length)) + 1;
  }
  const config = modelConfig(kind, vocab.vocabSize, overrides);
  const seed = numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 });
  const generator = new Generator().manualSeed(seed);
  const model = createModel(config, generator);
  const defaults = trainingDefaults(kind);
  const steps = numberFlag(flags, 'steps', defaults.steps, { integer: true, min: 1 });
  const clip = numberFlag(flags, 'grad-clip', defaults.gradClip ?? 0, { min: 0 });
  return {
    model,
    vocab,
    data,
    source,
    generator,
    out: checkpointStem(stringFlag(flags, 'out') ?? `runs/${kind}`),
    training: {
      step: 0,
      steps,
      batchSize: numberFlag(flags, 'batch-size', defaults.batchSize, { integer: true, min: kind === 'gpt' ? 1 : 0 }),
      lr: numberFlag(flags, 'lr', defaults.lr, { positive: true }),
      decayAt: numberFlag(flags, 'decay-at', Math.floor(steps / 2), { integer: true, min: 0 }),
      decayFactor: numberFlag(flags, 'decay-factor', 0.1, { positive: true }),
      regularization: numberFlag(flags, 'reg', 0, { min: 0 }),
      seed,
      scheduler: null,
      optimizer: defaults.optimizer,
      optimizerState: null,
      ...(clip > 0 ? { gradClip: clip } : {}),
    },
  };
}

/** A run continued from its checkpoint (the flags may only raise --steps). @example const run = await resumeRun({ resume: 'runs/mlp' }, io); */
export async function resumeRun(flags: RawFlags, io: CliIO): Promise<Run> {
  const fixed = FIXED_WHEN_RESUMING.filter((name) => flags[name] !== undefined);
  if (fixed.length) throw new UsageError(`${fixed.map((f) => `--${f}`).join(', ')} cannot change when resuming: the checkpoint fixes the data, the model and the schedule (only --steps may grow)`);
  const { model, vocab, meta, stem, generator } = await loadCheckpoint(String(flags.resume));
  const training = { ...meta.training };
  training.steps = numberFlag(flags, 'steps', training.steps, { integer: true, min: 1 });
  if (training.steps < training.step) throw new UsageError(`--steps ${training.steps} is below the checkpoint's step ${training.step}`);
  io.log(`resuming ${stem} at step ${thousands(training.step)} of ${thousands(training.steps)}`);
  let data: RunData;
  if (model.config.model === 'gpt') {
    data = { kind: 'text', text: (await readText(meta.data.source)).text };
  } else {
    const skipInvalid = flags['skip-invalid'] === true || meta.data.skipInvalid === true;
    const words = await readWords(meta.data.source, vocab, io.log, skipInvalid);
    data = { kind: 'names', names: words.names, skipInvalid, split: (meta.data.split as SplitKind | undefined) ?? 'lecture', splitSeed: meta.data.splitSeed };
  }
  return {
    model,
    vocab,
    data,
    source: meta.data.source,
    generator,
    out: checkpointStem(stringFlag(flags, 'out') ?? stem),
    training,
  };
}

/** A model described in a line. @example describeModel(model) // 'mlp (block 3, emb 10, hidden 200, tanh, init kaiming)' */
export function describeModel(model: LanguageModel): string {
  const c = model.config;
  if (c.model === 'mlp') return `mlp (block ${c.blockSize}, emb ${c.embDim}, hidden ${c.hidden}, tanh, init ${c.init})`;
  if (c.model === 'bigram') return `bigram (one layer, ${c.input} input)`;
  if (isTransformer(c.model)) return `${c.model} (${c.layers} layers, ${c.heads} heads, emb ${c.embDim}, block ${c.blockSize}, dropout ${c.dropout})`;
  return `bigram-counts (smoothing ${c.smoothing})`;
}

/** Command-line flags: their definitions, help, and conversion to checked values. */
import { numberFlag, stringFlag, UsageError, type FlagSpec, type RawFlags } from '@typegrad/app-kit';
import { isTransformer, MODEL_KINDS, type ModelConfig, type ModelKind } from '../models/config.js';
import { SPLIT_KINDS, type SplitKind } from '../data/splits.js';
import type { OptimizerChoice } from '../train/train.js';
import { LECTURE_SEED } from '../sample.js';

type Flag = FlagSpec;

const MODEL_FLAGS: Record<string, Flag> = {
  model: { type: 'string', value: 'kind', help: `bigram-counts, bigram, mlp, transformer, or gpt: text mode (default mlp)` },
  data: { type: 'string', value: 'file', help: 'names to learn, one a line (default: the 32,033 names that ship with typegrad); text mode: any text (default: tiny Shakespeare)' },
  'skip-invalid': { type: 'boolean', help: 'leave out malformed lines of --data (and say how many) instead of stopping' },
  'block-size': { type: 'string', value: 'n', help: 'characters of context: mlp (default 3), transformer (default: the longest name + 1)' },
  emb: { type: 'string', value: 'n', help: 'embedding size per character: mlp (default 10), transformer (default 64)' },
  layers: { type: 'string', value: 'n', help: 'transformer blocks (default 4)' },
  heads: { type: 'string', value: 'n', help: 'attention heads per block, transformer (default 4)' },
  dropout: { type: 'string', value: 'p', help: 'dropout while training: transformer (default 0.2), gpt (default 0)' },
  hidden: { type: 'string', value: 'n', help: 'hidden units, mlp (default 200)' },
  init: { type: 'string', value: 'how', help: 'mlp weights: kaiming (scaled, default) or randn (the MLP lecture\'s)' },
  input: { type: 'string', value: 'how', help: 'bigram input: embedding (default) or one-hot' },
  smoothing: { type: 'string', value: 'x', help: 'count added to every pair, bigram-counts (default 1)' },
  seed: { type: 'string', value: 'n', help: `seed of the weights and minibatches (default ${LECTURE_SEED})` },
  split: { type: 'string', value: 'how', help: "lecture: the shuffled 80/10/10 train/dev/test cut (default); none: train on every name, as the bigram lecture counts them (no dev or test loss)" },
  'split-seed': { type: 'string', value: 'n', help: "Python random.seed of the 80/10/10 shuffle (default 42, the lecture's)" },
};

const TRAIN_FLAGS: Record<string, Flag> = {
  steps: { type: 'string', value: 'n', help: 'optimisation steps (default: mlp 30000, bigram 2000)' },
  'batch-size': { type: 'string', value: 'n', help: 'examples per step (default: mlp 32, bigram 1024; 0 = all)' },
  lr: { type: 'string', value: 'x', help: 'learning rate before the decay (default: mlp 0.1, bigram 20)' },
  'decay-at': { type: 'string', value: 'n', help: 'step where the rate is multiplied by --decay-factor (default: half the steps)' },
  'decay-factor': { type: 'string', value: 'x', help: 'default 0.1' },
  reg: { type: 'string', value: 'x', help: "λ of λ·mean(W²) per weight matrix (the bigram lecture's 0.01; default 0)" },
  'eval-every': { type: 'string', value: 'n', help: 'print train/dev loss every n steps (default: a tenth of the run)' },
  'eval-iters': { type: 'string', value: 'n', help: 'text mode: batches each loss is estimated over (default 200)' },
  'grad-clip': { type: 'string', value: 'x', help: "clip the gradients' norm to x (gpt default 1; others none)" },
  out: { type: 'string', value: 'path', help: 'checkpoint to write: path.json + path.safetensors (default runs/<model>)' },
  resume: { type: 'string', value: 'path', help: 'continue training from a checkpoint (same data and settings; --steps may be raised)' },
  'checkpoint-every': { type: 'string', value: 'n', help: 'also save every n steps (default: at the end, and on Ctrl-C)' },
  samples: { type: 'string', value: 'n', help: 'names to print after training (default 20); text mode: characters (default 500)' },
  temperature: { type: 'string', value: 'x', help: 'sampling temperature (default 1; text mode 0.8)' },
  'plot-embedding': { type: 'string', value: 'file.svg', help: 'write the 2-D character embedding (needs --emb 2)' },
  plain: { type: 'boolean', help: 'plain progress lines even on a terminal' },
};

/** The commands with their flags (the single source of the parser and the help). @example Object.keys(COMMANDS) // ['train', 'eval', 'sample', 'lr-find'] */
export const COMMANDS: Record<string, { summary: string; flags: Record<string, Flag> }> = {
  train: { summary: 'train a model on names and save a checkpoint', flags: { ...MODEL_FLAGS, ...TRAIN_FLAGS } },
  eval: {
    summary: 'the loss of a checkpoint on the train, dev and test splits',
    flags: { checkpoint: { type: 'string', value: 'path', help: 'default runs/mlp' }, data: MODEL_FLAGS.data, 'skip-invalid': MODEL_FLAGS['skip-invalid'], 'eval-iters': TRAIN_FLAGS['eval-iters'] },
  },
  sample: {
    summary: 'names drawn from a checkpoint',
    flags: {
      checkpoint: { type: 'string', value: 'path', help: 'default runs/mlp' },
      count: { type: 'string', short: 'n', value: 'n', help: 'how many names (default 20); text mode: characters (default 500)' },
      temperature: { type: 'string', value: 'x', help: 'below 1 safer, above 1 wilder (default 1; text mode 0.8)' },
      prompt: { type: 'string', value: 'text', help: 'text mode: the text to continue (default a newline)' },
      'top-k': { type: 'string', value: 'k', help: 'text mode: draw from the k likeliest characters only (default 200, nanoGPT\'s)' },
      seed: { type: 'string', value: 'n', help: `default ${LECTURE_SEED}` },
    },
  },
  'lr-find': {
    summary: "the lecture's learning-rate sweep: loss against log10(lr), as an SVG",
    flags: {
      ...MODEL_FLAGS,
      'min-lr': { type: 'string', value: 'x', help: 'default 0.001' },
      'max-lr': { type: 'string', value: 'x', help: 'default 1' },
      steps: { type: 'string', value: 'n', help: 'rates tried, one step each (default 1000)' },
      'batch-size': { type: 'string', value: 'n', help: 'default 32' },
      plot: { type: 'string', value: 'file.svg', help: 'default lr-find.svg' },
    },
  },
};

/** The --split flag, checked. @example splitFlag({ split: 'none' }) // 'none' */
export function splitFlag(flags: RawFlags): SplitKind {
  const split = stringFlag(flags, 'split') ?? 'lecture';
  if (!SPLIT_KINDS.includes(split as SplitKind)) throw new UsageError(`--split must be one of ${SPLIT_KINDS.join(', ')}, got '${split}'`);
  return split as SplitKind;
}

/** The model kind and shape overrides from the flags. @example modelFlags({ model: 'mlp', emb: '2' }) // { kind: 'mlp', overrides: { embDim: 2, … } } */
export function modelFlags(flags: RawFlags): { kind: ModelKind; overrides: Partial<ModelConfig> } {
  const kind = (stringFlag(flags, 'model') ?? 'mlp') as ModelKind;
  if (!MODEL_KINDS.includes(kind)) throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}, got '${kind}'`);
  const int = (name: string) => (flags[name] === undefined ? undefined : numberFlag(flags, name, 0, { integer: true, min: 1 }));
  const init = stringFlag(flags, 'init');
  if (init !== undefined && init !== 'kaiming' && init !== 'randn') throw new UsageError(`--init must be kaiming or randn, got '${init}'`);
  const input = stringFlag(flags, 'input');
  if (input !== undefined && input !== 'embedding' && input !== 'one-hot') throw new UsageError(`--input must be embedding or one-hot, got '${input}'`);
  const blockSize = int('block-size');
  if (blockSize !== undefined && kind !== 'mlp' && !isTransformer(kind) && blockSize !== 1) throw new UsageError(`--block-size applies to the mlp and the transformer; ${kind} looks at one character`);
  for (const name of ['layers', 'heads']) if (flags[name] !== undefined && !isTransformer(kind)) throw new UsageError(`--${name} applies to the transformer and the gpt`);
  if (flags.dropout !== undefined && !isTransformer(kind)) throw new UsageError('--dropout applies to the transformer and the gpt');
  return {
    kind,
    overrides: {
      blockSize,
      embDim: int('emb'),
      layers: int('layers'),
      heads: int('heads'),
      dropout: flags.dropout === undefined ? undefined : numberFlag(flags, 'dropout', 0, { min: 0 }),
      hidden: int('hidden'),
      init: init as ModelConfig['init'] | undefined,
      input: input as ModelConfig['input'] | undefined,
      smoothing: flags.smoothing === undefined ? undefined : numberFlag(flags, 'smoothing', 1, { min: 0 }),
    },
  };
}

/**
 * The training defaults of each trained model: the lectures' SGD for the bigram network and the MLP; AdamW with
 * makemore's betas, eps and weight decay, a short warmup and a cosine decay for the transformer.
 * @example trainingDefaults('mlp') // { steps: 30000, batchSize: 32, lr: 0.1, optimizer: { kind: 'sgd' } }
 */
export function trainingDefaults(kind: ModelKind): { steps: number; batchSize: number; lr: number; optimizer: OptimizerChoice; gradClip?: number } {
  if (kind === 'bigram') return { steps: 2000, batchSize: 1024, lr: 20, optimizer: { kind: 'sgd' } };
  if (kind === 'gpt') {
    // nanoGPT's CPU run of shakespeare_char: batch 12 of 64 characters, lr 1e-3 with 100 warmup steps, cosine to 1e-4
    // over the 2,000 steps, AdamW betas (0.9, 0.99), weight decay 0.1, gradients clipped to norm 1
    return {
      steps: 2000, batchSize: 12, lr: 1e-3, gradClip: 1,
      optimizer: { kind: 'adamw', betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0.1, decay: 'linear-weights', schedule: 'cosine', warmup: 100, minLr: 1e-4 },
    };
  }
  if (kind === 'transformer') {
    return { steps: 20_000, batchSize: 32, lr: 1e-3, optimizer: { kind: 'adamw', betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0.01, schedule: 'cosine', warmup: 200, minLr: 1e-4 } };
  }
  return { steps: 30_000, batchSize: 32, lr: 0.1, optimizer: { kind: 'sgd' } };
}

export { numberFlag, stringFlag, UsageError, type RawFlags };

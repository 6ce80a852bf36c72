/**
 * What `train` does with each kind of data: names are cut into the lecture's splits of examples and evaluated
 * exactly; text (text mode) is split 90/10 and cut into random windows, its losses estimated on fixed random
 * batches as nanoGPT estimates them. Each plan also says how to report its data and how to sample.
 */
import { Generator } from '@typegrad/tensor';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { targetCount, type Examples } from '../data/examples.js';
import { prepareData, withExamples, type SplitKind } from '../data/splits.js';
import { estimateTextLoss, prepareText, textBatches } from '../data/text.js';
import type { CharTransformer } from '../models/char-transformer.js';
import { isTransformer } from '../models/config.js';
import { generateText, LECTURE_SEED, sampleNames } from '../sample.js';
import { evaluateAll, type BatchSource } from '../train/train.js';
import { describeSource } from './files.js';
import type { CliIO } from './io.js';
import { printNames, thousands } from './report.js';
import type { Run } from './run.js';

/** Training examples evaluated along the way: enough for a steady figure, quick to compute. */
const PERIODIC_TRAIN_EXAMPLES = 20_000;

/** How `train` trains on a run's data and reports it. */
export interface Plan {
  train: Examples | BatchSource;
  /** Characters in each part, for the checkpoint. */
  sizes: { train: number; dev: number; test: number };
  split: SplitKind | 'text';
  /** The data line of the report. */
  describe: string;
  /** The losses printed along the way, and their labels. */
  periodic: () => Promise<Record<string, number>>;
  labels: Record<string, string>;
  /** The losses at the end. */
  final: () => Promise<Record<string, number>>;
  /** Prints what the model makes: names, or a passage of text. */
  sample(io: CliIO, count: number, temperature: number): Promise<void>;
}

/** The plan for names: the lecture's splits (or every name), exact losses, sampled names. */
export function namesPlan(run: Run): Plan {
  if (run.data.kind !== 'names') throw new Error('namesPlan: the run has no names');
  const { names, split, splitSeed } = run.data;
  const { model, vocab } = run;
  const sequences = isTransformer(model.config.model);
  const { splits } = prepareData(names, { blockSize: model.config.blockSize, split, seed: splitSeed, vocab, sequences });
  // examples are the characters predicted (for the transformer, whole names predict one at every position)
  const sizes = { train: targetCount(splits.train), dev: targetCount(splits.dev), test: targetCount(splits.test) };
  const cut = split === 'none' ? `${thousands(sizes.train)}, every name in training (--split none)` : `train ${thousands(sizes.train)}, dev ${thousands(sizes.dev)}, test ${thousands(sizes.test)}`;
  const periodic = Math.min(sequences ? PERIODIC_TRAIN_EXAMPLES / 8 : PERIODIC_TRAIN_EXAMPLES, splits.train.Y.shape[0]);
  const trainSample: Examples = { X: splits.train.X.narrow(0, 0, periodic), Y: splits.train.Y.narrow(0, 0, periodic) };
  return {
    train: splits.train,
    sizes,
    split,
    describe: `${describeSource(run.source)}: ${thousands(names.length)} names; examples ${cut}`,
    periodic: () => evaluateAll(model, withExamples({ train: trainSample, dev: splits.dev })),
    labels: { train: `train (first ${thousands(periodic)}${sequences ? ' names' : ''})` },
    final: () => evaluateAll(model, withExamples({ train: splits.train, dev: splits.dev })),
    async sample(io, count, temperature) {
      const out = await sampleNames(model, vocab, { count, temperature, generator: new Generator().manualSeed(LECTURE_SEED) });
      printNames(io, out, `${count} names (temperature ${temperature}, seed ${LECTURE_SEED})`);
    },
  };
}

/**
 * The plan for text: nanoGPT's 90/10 split, random windows of blockSize + 1 characters, losses estimated over
 * `evalIters` batches drawn from a fixed seed (so every evaluation sees the same windows), and a passage of
 * generated text.
 */
export function textPlan(run: Run, evalIters: number): Plan {
  if (run.data.kind !== 'text') throw new Error('textPlan: the run has no text');
  const { model, vocab } = run;
  const data = prepareText(run.data.text, { vocab });
  const T = model.config.blockSize;
  const [trainBatches, valBatches] = [textBatches(data.train, T), textBatches(data.val, T)];
  const batchSize = run.training.batchSize;
  const estimate = async () => {
    const generator = new Generator().manualSeed(LECTURE_SEED);
    return {
      train: await estimateTextLoss(model, trainBatches, { iters: evalIters, batchSize, generator }),
      val: await estimateTextLoss(model, valBatches, { iters: evalIters, batchSize, generator }),
    };
  };
  const sizes = { train: data.train.numel, dev: data.val.numel, test: 0 };
  return {
    train: trainBatches,
    sizes,
    split: 'text',
    describe: `${describeSource(run.source)}: ${thousands(sizes.train + sizes.dev)} characters (${vocab.vocabSize} distinct); train ${thousands(sizes.train)}, val ${thousands(sizes.dev)} (the last 10%)`,
    periodic: estimate,
    labels: { train: `train (${evalIters} batches)`, val: `val (${evalIters} batches)` },
    final: estimate,
    async sample(io, count, temperature) {
      io.log(`${thousands(count)} characters (temperature ${temperature}, top-k 200, seed ${LECTURE_SEED}):`);
      await streamText(io, model as CharTransformer, vocab, '\n', { count, temperature, topK: 200, seed: LECTURE_SEED });
      io.log('');
    },
  };
}

/**
 * Generates `count` characters after `prompt` with the KV cache and writes each as it is made (nanoGPT's sample.py).
 * @example await streamText(io, model, vocab, '\n', { count: 500, temperature: 0.8, topK: 200, seed: 1 });
 */
export async function streamText(io: CliIO, model: CharTransformer, vocab: CharTokenizer, prompt: string, o: { count: number; temperature: number; topK?: number; seed: number }): Promise<void> {
  const generator = new Generator().manualSeed(o.seed);
  for await (const ch of generateText(model, vocab, prompt, { count: o.count, temperature: o.temperature, topK: o.topK, generator })) {
    io.stdout.write(ch);
    if (io.signal?.aborted) break;
  }
}

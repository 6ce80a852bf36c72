import { noGrad } from '@typegrad/autograd';
import { Generator, multinomialAsync, tensor } from '@typegrad/tensor';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { generate } from '@typegrad/transformer';
import type { CharTransformer } from './models/char-transformer.js';
import { checkTemperature, type LanguageModel } from './models/language-model.js';

/**
 * Options of {@link sampleNames}.
 * @example { count: 20, temperature: 0.8, generator: new Generator().manualSeed(2147483647) }
 */
export interface SampleOptions {
  /** How many names. Default 20. */
  count?: number;
  /** Divides the logits before the softmax: below 1 sharper and safer, above 1 more varied. Default 1. */
  temperature?: number;
  /** Where the draws come from. Default: a generator seeded with the lecture's 2147483647. */
  generator?: Generator;
  /** A name stops after this many characters even without drawing the boundary. Default 50. */
  maxLength?: number;
}

/** `f()` with the model in eval mode (no dropout), its mode restored after: a draw between yields leaves it as found. */
function inEvalMode<T>(model: LanguageModel, f: () => T): T {
  const wasTraining = model.training;
  model.eval();
  try {
    return f();
  } finally {
    model.train(wasTraining);
  }
}

/** The lectures' seed. @example new Generator().manualSeed(LECTURE_SEED) */
export const LECTURE_SEED = 2147483647;

/**
 * Draws names one character at a time, as the lectures do: start from a context of boundaries, draw the next
 * character with `multinomial(probs, 1, { replacement: true, generator })`, shift it into the context, stop at
 * the boundary. One draw per character, so with the same model, seed and temperature the names are the same
 * (for the count model at temperature 1, the lecture's own names).
 *
 * @example
 * const names = await sampleNames(model, vocab, { count: 5 });
 * // the count model fitted to all the names, with the lecture's seed: ['mor', 'axx', 'minaymoryles', 'kondlaisah', 'anchshizarie']
 */
export async function sampleNames(model: LanguageModel, vocab: CharTokenizer, options: SampleOptions = {}): Promise<string[]> {
  const names: string[] = [];
  for await (const name of generateNames(model, vocab, options)) names.push(name);
  return names;
}

/**
 * {@link sampleNames} one name at a time, as each is made: for printing as they come, or for more names than
 * fit in memory (`count: Infinity` never stops; break out of the loop).
 * @example for await (const name of generateNames(model, vocab, { count: 1e9 })) console.log(name);
 */
export async function* generateNames(model: LanguageModel, vocab: CharTokenizer, options: SampleOptions = {}): AsyncGenerator<string> {
  const { count = 20, temperature = 1, maxLength = 50 } = options;
  checkTemperature(temperature);
  if (!(Number.isInteger(count) || count === Infinity) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const generator = options.generator ?? new Generator().manualSeed(LECTURE_SEED);
  const boundary = vocab.boundaryId ?? 0;
  const { blockSize } = model.config;
  // a sequence model reads the name so far after one boundary; the others a window of the last blockSize characters
  const sequence = model.config.model === 'transformer';
  for (let n = 0; n < count; n++) {
    const context = sequence ? [boundary] : new Array<number>(blockSize).fill(boundary);
    const out: number[] = [];
    while (out.length < (sequence ? Math.min(maxLength, blockSize - 1) : maxLength)) {
      const probs = inEvalMode(model, () => noGrad(() => model.probs(tensor([context], { dtype: 'int32' }), temperature)));
      const ix = await (await multinomialAsync(probs, 1, { replacement: true, generator })).item();
      if (ix === boundary) break;
      out.push(ix);
      if (!sequence) context.shift();
      context.push(ix);
    }
    yield vocab.decode(out);
  }
}

/**
 * Options of {@link generateText}.
 * @example { count: 500, temperature: 0.8, topK: 200, generator: new Generator().manualSeed(1337) }
 */
export interface TextSampleOptions {
  /** How many characters after the prompt. Default 500. */
  count?: number;
  /** Divides the logits before the softmax. Default 1. */
  temperature?: number;
  /** Draw only among the k likeliest characters (capped at the vocabulary's size). Default: all. */
  topK?: number;
  /** Where the draws come from. Default: a generator seeded with 1337, nanoGPT's seed. */
  generator?: Generator;
}

/**
 * Text mode's sampling, as nanoGPT's sample.py: the characters that follow `prompt`, yielded one at a time as each
 * is made, with the KV cache (the context is cropped to the block size as it fills).
 * @example for await (const ch of generateText(model, vocab, 'ROMEO:', { count: 200 })) process.stdout.write(ch);
 */
export async function* generateText(model: CharTransformer, vocab: CharTokenizer, prompt: string, options: TextSampleOptions = {}): AsyncGenerator<string> {
  const { count = 500, temperature = 1 } = options;
  checkTemperature(temperature);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const start = vocab.encode(prompt);
  if (start.length === 0) throw new RangeError('generateText: the prompt is empty; give at least one character (nanoGPT starts from "\\n")');
  const topK = options.topK === undefined ? undefined : Math.min(options.topK, vocab.vocabSize);
  const generator = options.generator ?? new Generator().manualSeed(1337);
  for await (const id of generate(model.causalLM(), start, { maxNewTokens: count, temperature, topK, generator })) yield vocab.decode([id]);
}

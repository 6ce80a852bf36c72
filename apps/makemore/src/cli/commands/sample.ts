import { Generator } from '@typegrad/tensor';
import type { CharTransformer } from '../../models/char-transformer.js';
import { generateNames, LECTURE_SEED } from '../../sample.js';
import { loadCheckpoint } from '../files.js';
import { numberFlag, stringFlag, UsageError, type RawFlags } from '../options.js';
import { streamText } from '../plans.js';
import type { CliIO } from '../io.js';

/**
 * `makemore sample`: names drawn from a checkpoint, one a line, printed as each is made (any count; Ctrl-C stops);
 * in text mode, `-n` characters continuing `--prompt`, written as they are made.
 * @example await sampleCommand({ count: '5' }, processIO())
 */
export async function sampleCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const path = stringFlag(flags, 'checkpoint') ?? 'runs/mlp';
  const seed = numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 });
  // the flags are checked before the checkpoint is read, except those whose meaning depends on it
  const count = numberFlag(flags, 'count', 0, { integer: true, min: 0 });
  numberFlag(flags, 'temperature', 1, { positive: true });
  const { model, vocab } = await loadCheckpoint(path);
  if (model.config.model === 'gpt') {
    const prompt = stringFlag(flags, 'prompt') ?? '\n';
    const unknown = [...prompt].find((c) => !vocab.tokens.includes(c));
    if (unknown !== undefined) throw new UsageError(`--prompt: '${unknown}' is not among the ${vocab.vocabSize} characters this model knows`);
    const topK = numberFlag(flags, 'top-k', 200, { integer: true, min: 1 });
    const temperature = numberFlag(flags, 'temperature', 0.8, { positive: true });
    io.stdout.write(prompt);
    await streamText(io, model as CharTransformer, vocab, prompt, { count: flags.count === undefined ? 500 : count, temperature, topK, seed });
    io.stdout.write('\n');
    return;
  }
  for (const name of ['prompt', 'top-k']) if (flags[name] !== undefined) throw new UsageError(`--${name} applies to text mode (a gpt checkpoint)`);
  const temperature = numberFlag(flags, 'temperature', 1, { positive: true });
  for await (const name of generateNames(model, vocab, { count: flags.count === undefined ? 20 : count, temperature, generator: new Generator().manualSeed(seed) })) {
    io.log(name);
    if (io.signal?.aborted) break;
  }
}

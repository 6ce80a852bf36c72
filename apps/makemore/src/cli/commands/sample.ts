import { Generator } from '@typegrad/tensor';
import { generateNames, LECTURE_SEED } from '../../sample.js';
import { loadCheckpoint } from '../files.js';
import { numberFlag, stringFlag, type RawFlags } from '../options.js';
import type { CliIO } from '../io.js';

/**
 * `makemore sample`: names drawn from a checkpoint, one a line, printed as each is made (any count; Ctrl-C stops).
 * @example await sampleCommand({ count: '5' }, processIO())
 */
export async function sampleCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const count = numberFlag(flags, 'count', 20, { integer: true, min: 0 });
  const temperature = numberFlag(flags, 'temperature', 1, { positive: true });
  const seed = numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 });
  const { model, vocab } = await loadCheckpoint(stringFlag(flags, 'checkpoint') ?? 'runs/mlp');
  for await (const name of generateNames(model, vocab, { count, temperature, generator: new Generator().manualSeed(seed) })) {
    io.log(name);
    if (io.signal?.aborted) break;
  }
}

import { Generator } from '@typegrad/tensor';
import { LECTURE_SEED, sampleNames } from '../../sample.js';
import { loadCheckpoint } from '../files.js';
import { numberFlag, stringFlag, type RawFlags } from '../options.js';
import type { CliIO } from '../io.js';

/** `makemore sample`: names drawn from a checkpoint, one a line. @example await sampleCommand({ count: '5' }, processIO()) */
export async function sampleCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { model, vocab } = await loadCheckpoint(stringFlag(flags, 'checkpoint') ?? 'runs/mlp');
  const count = numberFlag(flags, 'count', 20, { integer: true, min: 0 });
  const temperature = numberFlag(flags, 'temperature', 1, { positive: true });
  const seed = numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 });
  const names = await sampleNames(model, vocab, { count, temperature, generator: new Generator().manualSeed(seed) });
  for (const name of names) io.log(name);
}

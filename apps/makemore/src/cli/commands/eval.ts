import { prepareData, withExamples } from '../../data/splits.js';
import { evaluateAll } from '../../train/train.js';
import { describeSource, loadCheckpoint, readWords } from '../files.js';
import { stringFlag, type RawFlags } from '../options.js';
import type { CliIO } from '../io.js';
import { formatLosses, thousands } from '../report.js';

/** `makemore eval`: the checkpoint's loss on each split of its data (or of --data, split the same way). @example await evalCommand({ checkpoint: 'runs/mlp' }, processIO()) */
export async function evalCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { model, vocab, meta, stem } = await loadCheckpoint(stringFlag(flags, 'checkpoint') ?? 'runs/mlp');
  const words = await readWords(stringFlag(flags, 'data') ?? meta.data.source, vocab, io.log, flags['skip-invalid'] === true || meta.data.skipInvalid === true);
  const { splits } = prepareData(words.names, { blockSize: model.config.blockSize, split: meta.data.split, seed: meta.data.splitSeed, vocab, sequences: model.config.model === 'transformer' });
  io.log(`${stem}: ${meta.config.model} at step ${thousands(meta.training.step)}, data ${describeSource(words.source)}`);
  const losses = await evaluateAll(model, withExamples(splits));
  io.log(`loss  ${formatLosses(losses)}`);
}

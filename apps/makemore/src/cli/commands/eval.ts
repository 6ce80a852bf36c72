import { prepareData, withExamples, type SplitKind } from '../../data/splits.js';
import { estimateTextLoss, prepareText, textBatches } from '../../data/text.js';
import { Generator } from '@typegrad/tensor';
import { isTransformer } from '../../models/config.js';
import { LECTURE_SEED } from '../../sample.js';
import { evaluateAll } from '../../train/train.js';
import { describeSource, loadCheckpoint, readText, readWords } from '../files.js';
import { numberFlag, stringFlag, type RawFlags } from '../options.js';
import type { CliIO } from '../io.js';
import { formatLosses, thousands } from '../report.js';

/**
 * `makemore eval`: the checkpoint's loss on each split of its data (or of --data, split the same way); in text mode,
 * estimated over --eval-iters random batches of train and val.
 * @example await evalCommand({ checkpoint: 'runs/mlp' }, processIO())
 */
export async function evalCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { model, vocab, meta, stem } = await loadCheckpoint(stringFlag(flags, 'checkpoint') ?? 'runs/mlp');
  const source = stringFlag(flags, 'data') ?? meta.data.source;
  io.log(`${stem}: ${meta.config.model} at step ${thousands(meta.training.step)}, data ${describeSource(source)}`);
  if (model.config.model === 'gpt') {
    const data = prepareText((await readText(source)).text, { vocab });
    const iters = numberFlag(flags, 'eval-iters', 200, { integer: true, min: 1 });
    const opts = { iters, batchSize: meta.training.batchSize, generator: new Generator().manualSeed(LECTURE_SEED) };
    const [train, val] = [data.train, data.val].map((ids) => textBatches(ids, model.config.blockSize));
    const losses = { train: await estimateTextLoss(model, train, opts), val: await estimateTextLoss(model, val, opts) };
    io.log(`loss  ${formatLosses(losses, { train: `train (${iters} batches)`, val: `val (${iters} batches)` })}`);
    return;
  }
  const words = await readWords(source, vocab, io.log, flags['skip-invalid'] === true || meta.data.skipInvalid === true);
  const split = (meta.data.split as SplitKind | undefined) ?? 'lecture';
  const { splits } = prepareData(words.names, { blockSize: model.config.blockSize, split, seed: meta.data.splitSeed, vocab, sequences: isTransformer(model.config.model) });
  io.log(`loss  ${formatLosses(await evaluateAll(model, withExamples(splits)))}`);
}

import { writeFile } from 'node:fs/promises';
import { Generator } from '@typegrad/tensor';
import { vocabularyOf } from '../../data/examples.js';
import { prepareData } from '../../data/splits.js';
import { modelConfig } from '../../models/config.js';
import { createModel } from '../../models/create.js';
import { LECTURE_SEED } from '../../sample.js';
import { findLr, lrFinderPlot } from '../../train/lr-find.js';
import { readWords } from '../files.js';
import { modelFlags, numberFlag, splitFlag, stringFlag, UsageError, type RawFlags } from '../options.js';
import type { CliIO } from '../io.js';

/** `makemore lr-find`: the lecture's sweep of learning rates; writes the plot and prints the valley. @example await lrFindCommand({ steps: '1000' }, processIO()) */
export async function lrFindCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { kind, overrides } = modelFlags(flags);
  if (kind === 'transformer') throw new UsageError('lr-find sweeps SGD rates, as the MLP lecture does: for the bigram network and the mlp, not the transformer');
  if (kind === 'bigram-counts') throw new UsageError('lr-find trains with gradients: use --model mlp or bigram');
  const words = await readWords(stringFlag(flags, 'data'), undefined, io.log, flags['skip-invalid'] === true);
  const vocab = vocabularyOf(words.names);
  const config = modelConfig(kind, vocab.vocabSize, overrides);
  const generator = new Generator().manualSeed(numberFlag(flags, 'seed', LECTURE_SEED, { integer: true, min: 0 }));
  const model = createModel(config, generator);
  const { splits } = prepareData(words.names, { blockSize: config.blockSize, split: splitFlag(flags), seed: numberFlag(flags, 'split-seed', 42, { integer: true, min: 0 }), vocab });
  const minLr = numberFlag(flags, 'min-lr', 1e-3, { positive: true });
  const maxLr = numberFlag(flags, 'max-lr', 1, { positive: true });
  if (maxLr <= minLr) throw new UsageError(`--max-lr (${maxLr}) must be above --min-lr (${minLr})`);
  const steps = numberFlag(flags, 'steps', 1000, { integer: true, min: 2 });
  const batchSize = numberFlag(flags, 'batch-size', 32, { integer: true, min: 1 });
  io.log(`sweeping ${steps} rates from ${minLr} to ${maxLr} (log-spaced), batch ${batchSize}, ${kind}`);
  const result = await findLr(model, splits.train, { minLr, maxLr, steps, batchSize, generator });
  const plot = stringFlag(flags, 'plot') ?? 'lr-find.svg';
  await writeFile(plot, lrFinderPlot(result));
  io.log(result.stopReason);
  io.log(`valley: lr ${Number(result.valley.toPrecision(3))} (log10 ${Math.log10(result.valley).toFixed(2)}); a rate a little below it is the safer choice`);
  io.log(`wrote ${plot}`);
}

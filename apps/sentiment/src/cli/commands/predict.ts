import { choiceFlag, stringFlag, type CliIO, type RawFlags } from '@typegrad/app-kit';
import { loadClassifier } from '../../checkpoint/files.js';
import { explain } from '../../explain/explain.js';
import { explanationReport } from '../report.js';

/**
 * `sentiment predict "text"`: the label, its probability, and each token's contribution (exact for the linear
 * models, gradient × input for the encoder); `--json` prints it all as data.
 * @example await predictCommand({ text: 'Great food!', checkpoint: 'runs/bow-logreg' }, processIO())
 */
export async function predictCommand(flags: RawFlags, io: CliIO): Promise<void> {
  const { classifier } = await loadClassifier(stringFlag(flags, 'checkpoint') ?? 'runs/bow-logreg');
  const e = explain(classifier, stringFlag(flags, 'text') ?? '');
  if (flags.json === true) {
    io.log(JSON.stringify({ ...e, classes: classifier.classes, model: classifier.config.kind }));
    return;
  }
  const when = choiceFlag(flags, 'color', ['auto', 'always', 'never'], 'auto');
  io.log(explanationReport(e, when === 'always' || (when === 'auto' && io.stdout.isTTY === true)));
}

/**
 * The sentiment command line as a program of commands (the app kit runs it), and as a function, `main(argv, io)`,
 * so tests can run it. Exit status: 0 on success, 1 on an error, 2 on a usage mistake.
 */
import { type CliIO } from '@typegrad/app-kit';
import { processIO, runProgram, type Program } from '@typegrad/app-kit/node';
import { compareCommand } from './commands/compare.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';
import { COMMANDS } from './options.js';

const RUN = { train: trainCommand, compare: compareCommand, predict: predictCommand };

/** The sentiment commands: train, compare, predict. */
export const PROGRAM: Program = {
  name: 'sentiment',
  description: 'text classifiers from bag-of-words to a transformer encoder, trained with typegrad, their predictions explained',
  commands: Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, { ...spec, run: RUN[name as keyof typeof RUN] }])),
  examples: ['sentiment train --model bow-logreg', 'sentiment predict "The food was great but the service was slow."', 'sentiment compare --folds 10 --out results.md', 'sentiment train --data reviews.csv --text-col review --label-col stars'],
};

/** Runs one command line; returns the exit status. @example process.exitCode = await main(['train', '--epochs', '1']); */
export function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runProgram(PROGRAM, argv, io);
}

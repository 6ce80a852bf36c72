/**
 * The recommender command line as a program of commands (the app kit runs it), and as a function, `main(argv, io)`,
 * so tests can run it. Exit status: 0 on success, 1 on an error, 2 on a usage mistake.
 */
import { type CliIO } from '@typegrad/app-kit';
import { processIO, runProgram, type Program } from '@typegrad/app-kit/node';
import { evalCommand } from './commands/eval.js';
import { plotCommand } from './commands/plot.js';
import { recommendCommand } from './commands/recommend.js';
import { similarCommand } from './commands/similar.js';
import { trainCommand } from './commands/train.js';
import { COMMANDS } from './options.js';

const RUN = { train: trainCommand, eval: evalCommand, recommend: recommendCommand, similar: similarCommand, plot: plotCommand };

/** The recommender's commands: train, eval, recommend, similar, plot. */
export const PROGRAM: Program = {
  name: 'recommender',
  description: 'collaborative filtering on ratings (MovieLens or any user,item,rating file), trained with typegrad',
  commands: Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, { ...spec, run: RUN[name as keyof typeof RUN] }])),
  examples: ['recommender train --model mf', 'recommender recommend --user 42 -n 10', 'recommender similar "Toy Story (1995)"', 'recommender recommend --rate "Heat (1995)=5" --rate "Toy Story (1995)=2"'],
};

/** Runs one command line; returns the exit status. @example process.exitCode = await main(['train', '--epochs', '1']); */
export function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runProgram(PROGRAM, argv, io);
}

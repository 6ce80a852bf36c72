/**
 * The makemore command line as a program of commands (the app kit runs it), and as a function, `main(argv, io)`, so
 * tests can run it. Exit status: 0 on success, 1 on an error, 2 on a usage mistake.
 */
import { runProgram, type Program } from '@typegrad/app-kit/node';
import { evalCommand } from './commands/eval.js';
import { lrFindCommand } from './commands/lr-find.js';
import { sampleCommand } from './commands/sample.js';
import { trainCommand } from './commands/train.js';
import { processIO, type CliIO } from './io.js';
import { COMMANDS } from './options.js';

const RUN = { train: trainCommand, eval: evalCommand, sample: sampleCommand, 'lr-find': lrFindCommand };

/** makemore's commands: train, eval, sample, lr-find. */
export const PROGRAM: Program = {
  name: 'makemore',
  description: 'character-level models of names (and of text), trained with typegrad',
  commands: Object.fromEntries(Object.entries(COMMANDS).map(([name, spec]) => [name, { ...spec, run: RUN[name as keyof typeof RUN] }])),
  examples: ['makemore train --model mlp --steps 30000 --out runs/mlp', 'makemore sample --checkpoint runs/mlp -n 10 --temperature 0.8'],
};

/** Runs one command line; returns the exit status. @example process.exitCode = await main(['sample', '-n', '5']); */
export function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runProgram(PROGRAM, argv, io);
}

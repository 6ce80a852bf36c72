/**
 * The makemore command line as a function, `main(argv, io)`, so tests can run it. Exit status: 0 on success, 1
 * on an error, 2 on a usage mistake.
 */
import { evalCommand } from './commands/eval.js';
import { lrFindCommand } from './commands/lr-find.js';
import { sampleCommand } from './commands/sample.js';
import { trainCommand } from './commands/train.js';
import { processIO, type CliIO } from './io.js';
import { COMMANDS, helpText, parseFlags, UsageError, type RawFlags } from './options.js';

const HANDLERS: Record<string, (flags: RawFlags, io: CliIO) => Promise<void>> = {
  train: trainCommand,
  eval: evalCommand,
  sample: sampleCommand,
  'lr-find': lrFindCommand,
};

/** Runs one command line; returns the exit status. @example process.exitCode = await main(['sample', '-n', '5']); */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.log(helpText(rest[0]));
    return command === undefined ? 2 : 0;
  }
  if (!COMMANDS[command]) {
    io.log(`makemore: unknown command '${command}'\n\n${helpText()}`);
    return 2;
  }
  try {
    const flags = parseFlags(command, rest);
    if (flags.help) {
      io.log(helpText(command));
      return 0;
    }
    await HANDLERS[command](flags, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.log(`makemore ${command}: ${e.message}\n\n${helpText(command)}`);
      return 2;
    }
    io.error(`makemore ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

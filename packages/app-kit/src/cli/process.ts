/** The command line's connection to its process (Node only): its streams, Ctrl-C, and a reader that leaves early. */
import type { CliIO } from './io.js';
import { runProgram, type Program } from './program.js';

/** The process's own streams. @example await runProgram(program, argv, processIO()) */
export function processIO(signal?: AbortSignal): CliIO {
  return { stdout: process.stdout, log: (line) => void process.stdout.write(`${line}\n`), error: (line) => void process.stderr.write(`${line}\n`), signal };
}

/** Ctrl-C once: aborted (training finishes its step, saves and exits). Twice: exit now, status 130. */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after this step (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  return controller.signal;
}

/**
 * The whole of a program's executable: runs the command line with the process's streams and Ctrl-C, and ends
 * quietly when the reader of its output leaves (`… | head`).
 * @example await runCommandLine(program); // the executable's whole code
 */
export async function runCommandLine(program: Program): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  process.exitCode = await runProgram(program, process.argv.slice(2), processIO(stopSignal()));
}

import type { OutputStream } from './progress.js';

/** What a command talks to: standard output (for the progress bar), a line printer, and the stop signal. */
export interface CliIO {
  stdout: OutputStream;
  /** Prints one line to standard output. */
  log: (line: string) => void;
  /** Prints one line to standard error. */
  error: (line: string) => void;
  /** Aborted on Ctrl-C: training stops at the next step and saves. */
  signal?: AbortSignal;
}

/** The process's own streams. @example await main(['sample'], processIO()) */
export function processIO(signal?: AbortSignal): CliIO {
  return { stdout: process.stdout, log: (line) => void process.stdout.write(`${line}\n`), error: (line) => void process.stderr.write(`${line}\n`), signal };
}

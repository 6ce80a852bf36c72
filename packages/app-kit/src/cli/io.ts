import type { OutputStream } from './progress.js';

/** What a command talks to: standard output (for the progress line), a line printer, and the stop signal. */
export interface CliIO {
  stdout: OutputStream;
  /** Prints one line to standard output. */
  log: (line: string) => void;
  /** Prints one line to standard error. */
  error: (line: string) => void;
  /** Aborted on Ctrl-C: training stops at the next step and saves. */
  signal?: AbortSignal;
}

/** An IO that collects what a command prints, for tests. @example const io = collectingIO(); await main(argv, io); io.out() */
export function collectingIO(signal?: AbortSignal): CliIO & { out(): string; err(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { isTTY: false, write: (s: string) => out.push(s) },
    log: (l) => void out.push(`${l}\n`),
    error: (l) => void err.push(`${l}\n`),
    signal,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

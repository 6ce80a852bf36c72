/**
 * What was wrong with one line of an input file: where (file, line, and column when known) and what.
 * @example { source: 'names.txt', line: 12, column: 3, message: "character '-' is not in the alphabet" }
 */
export interface DataProblem {
  /** The file (path or URL) or the name given for in-memory text. */
  source: string;
  /** 1-based line number. */
  line: number;
  /** 1-based column (a character position, or a field number in CSV/TSV) when the problem has one. */
  column?: number;
  /** What was wrong, in words. */
  message: string;
}

/** What to do with a malformed line: throw (the default), or leave it out and count it. */
export type OnInvalid = 'error' | 'skip';

/**
 * Formats a problem as `file:line[:column]: message`, the way compilers point at a place in a file.
 * @example formatProblem({ source: 'r.csv', line: 3, column: 2, message: 'not a number' }) // 'r.csv:3:2: not a number'
 */
export function formatProblem(p: DataProblem): string {
  return `${p.source}:${p.line}${p.column === undefined ? '' : `:${p.column}`}: ${p.message}`;
}

/**
 * The error a loader throws for malformed input; `problem` says which file, which line and what was wrong.
 * @example
 * try { parseNames('emma\n\nava', { source: 'names.txt' }); }
 * catch (e) { if (e instanceof DataFormatError) console.log(e.problem.line); } // 2
 */
export class DataFormatError extends Error {
  constructor(readonly problem: DataProblem) {
    super(formatProblem(problem));
    this.name = 'DataFormatError';
  }
}

/**
 * Collects the problems of one parse under an `onInvalid` policy: throws on the first with 'error', records them
 * with 'skip' (the caller leaves the line out and reports `dropped`).
 * @example
 * const log = new ProblemLog('names.txt', 'skip');
 * log.report(2, 'empty line');
 * log.dropped; // 1
 */
export class ProblemLog {
  readonly problems: DataProblem[] = [];

  constructor(
    readonly source: string,
    readonly onInvalid: OnInvalid = 'error',
  ) {
    if (onInvalid !== 'error' && onInvalid !== 'skip') throw new TypeError(`onInvalid must be 'error' or 'skip', got ${JSON.stringify(onInvalid)}`);
  }

  /** Reports a problem: throws a DataFormatError, or records it when skipping. */
  report(line: number, message: string, column?: number): void {
    const problem: DataProblem = column === undefined ? { source: this.source, line, message } : { source: this.source, line, column, message };
    if (this.onInvalid === 'error') throw new DataFormatError(problem);
    this.problems.push(problem);
  }

  get dropped(): number {
    return this.problems.length;
  }
}

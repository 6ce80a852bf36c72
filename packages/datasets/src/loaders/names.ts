import { ProblemLog, type DataProblem, type OnInvalid } from '../errors.js';
import { splitLines } from './source.js';

/**
 * Options of {@link parseNames} and `loadNames` (`@typegrad/datasets/node`).
 * @example { alphabet: 'abcdefghijklmnopqrstuvwxyz', onInvalid: 'skip' }
 */
export interface NamesOptions {
  /** The name of the input in error messages (the loaders use the file's path). Default '<names>'. */
  source?: string;
  /** The only characters a name may contain. Default: any character but whitespace, controls and the boundary. */
  alphabet?: string;
  /**
   * The character the makemore models put around each name ('.' by default): a name may not contain it. Null to
   * allow every character.
   */
  boundary?: string | null;
  /** 'error' (default) throws a DataFormatError at the first bad line; 'skip' leaves bad lines out and counts them. */
  onInvalid?: OnInvalid;
}

/** A names list: the names in file order, and what was left out (only with `onInvalid: 'skip'`). */
export interface NamesList {
  names: string[];
  /** How many lines were left out. */
  dropped: number;
  /** Why each was left out. */
  problems: DataProblem[];
  /** The file or the name given as `source`. */
  source: string;
}

const describe = (ch: string): string => `'${ch}' (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;

/**
 * Parses a names list, one name a line (the makemore lectures' `names.txt`). A line is malformed when it is
 * empty, or contains whitespace, a control character, the boundary character, or a character outside `alphabet`;
 * the error says which line, which column and which character.
 *
 * @example
 * parseNames('emma\nolivia\nava\n').names // ['emma', 'olivia', 'ava']
 * parseNames('emma\nzoë', { alphabet: 'abcdefghijklmnopqrstuvwxyz', source: 'mine.txt' })
 * // throws DataFormatError: mine.txt:2:3: character 'ë' (U+00EB) is not in the alphabet
 */
export function parseNames(text: string, options: NamesOptions = {}): NamesList {
  const source = options.source ?? '<names>';
  const log = new ProblemLog(source, options.onInvalid);
  const boundary = options.boundary === undefined ? '.' : options.boundary;
  const alphabet = options.alphabet === undefined ? null : new Set(options.alphabet);
  const names: string[] = [];
  splitLines(text).forEach((line, i) => {
    const problem = checkName(line, alphabet, boundary);
    if (problem) log.report(i + 1, problem.message, problem.column);
    else names.push(line);
  });
  return { names, dropped: log.dropped, problems: log.problems, source };
}

function checkName(line: string, alphabet: Set<string> | null, boundary: string | null): { message: string; column?: number } | null {
  if (line === '') return { message: 'empty line (expected one name a line)' };
  let column = 0;
  for (const ch of line) {
    column++;
    if (alphabet !== null) {
      if (!alphabet.has(ch)) return { message: `character ${describe(ch)} is not in the alphabet "${[...alphabet].join('')}"`, column };
      continue;
    }
    if (/\s/u.test(ch)) return { message: `whitespace ${describe(ch)} in a name`, column };
    if (/\p{Cc}/u.test(ch)) return { message: `control character ${describe(ch)} in a name`, column };
    if (ch === boundary) return { message: `character ${describe(ch)} is the models' boundary token and cannot appear in a name (pass boundary: null to allow it)`, column };
  }
  return null;
}

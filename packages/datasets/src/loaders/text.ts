import { ProblemLog, type DataProblem, type OnInvalid } from '../errors.js';
import { splitLines } from './source.js';

/**
 * Options of {@link parseText} and `loadText` (`@typegrad/datasets/node`).
 * @example { alphabet: vocabulary.join(''), onInvalid: 'skip' }
 */
export interface TextOptions {
  /** The name of the input in error messages (the loaders use the file's path). Default '<text>'. */
  source?: string;
  /** The only characters the text may contain (a newline is always allowed). Default: any. */
  alphabet?: string;
  /** 'error' (default) throws at the first line with a character outside the alphabet; 'skip' leaves such lines out. */
  onInvalid?: OnInvalid;
}

/** A text for a language model, and the lines left out (only with `onInvalid: 'skip'`). */
export interface TextCorpus {
  text: string;
  dropped: number;
  problems: DataProblem[];
  source: string;
}

/**
 * Checks a plain text for a language model (tiny Shakespeare, a book): with an `alphabet`, every character must
 * be in it, and the error names the line, the column and the character. Line endings are kept as they are
 * unless lines are left out, in which case the kept lines are joined with '\n'.
 *
 * @example
 * parseText('To be, or not to be', { alphabet: 'Tbenort ,' }).text // 'To be, or not to be'
 */
export function parseText(text: string, options: TextOptions = {}): TextCorpus {
  const source = options.source ?? '<text>';
  const log = new ProblemLog(source, options.onInvalid);
  if (options.alphabet === undefined) return { text, dropped: 0, problems: [], source };
  const allowed = new Set(options.alphabet);
  const kept: string[] = [];
  const lines = splitLines(text);
  lines.forEach((line, i) => {
    let column = 0;
    for (const ch of line) {
      column++;
      if (ch === '\r' || allowed.has(ch)) continue;
      log.report(i + 1, `character '${ch}' (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) is not in the alphabet`, column);
      return;
    }
    kept.push(line);
  });
  if (log.dropped === 0) return { text, dropped: 0, problems: [], source };
  return { text: kept.join('\n') + (text.endsWith('\n') ? '\n' : ''), dropped: log.dropped, problems: log.problems, source };
}

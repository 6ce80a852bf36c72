/**
 * Splitting CSV/TSV text into records. With a quote character (CSV), a field that starts with it may hold the
 * delimiter, newlines and doubled quotes (RFC 4180); without one (TSV), every character but the delimiter and the
 * line break is literal.
 */
import type { ProblemLog } from '../errors.js';

/** One record: its fields, and the line it starts on (1-based). */
export interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * The records of a delimited text. Malformed records (an empty line, text after a closing quote, a quote that is
 * never closed) are reported to `log`, which throws or, when skipping, records them and the record is left out.
 * @example [...readRecords('a,"b,c"\n1,2\n', ',', '"', log)] // [{ line: 1, fields: ['a', 'b,c'] }, { line: 2, fields: ['1', '2'] }]
 */
export function* readRecords(text: string, delimiter: string, quote: string | null, log: ProblemLog): Generator<RawRecord> {
  if (delimiter.length !== 1) throw new RangeError(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  if (quote !== null && (quote.length !== 1 || quote === delimiter)) throw new RangeError(`quote must be one character other than the delimiter, got ${JSON.stringify(quote)}`);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let bad: { message: string; column: number } | null = null;
    for (;;) {
      let field = '';
      if (quote !== null && text[i] === quote) {
        // quoted field: runs to the next quote not doubled
        i++;
        for (;;) {
          const close = text.indexOf(quote, i);
          if (close < 0) {
            log.report(start, `quote opened in field ${fields.length + 1} is never closed`, fields.length + 1);
            return; // the rest of the text is inside the quotes
          }
          field += text.slice(i, close);
          line += countNewlines(text, i, close);
          i = close + 1;
          if (text[i] === quote) {
            field += quote;
            i++;
          } else break;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          bad ??= { message: `unexpected character '${text[i]}' after the closing quote of field ${fields.length + 1}`, column: fields.length + 1 };
          while (i < n && text[i] !== delimiter && text[i] !== '\n') i++;
        }
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\n') j++;
        field = text.slice(i, j);
        if (text[j] === '\n' && field.endsWith('\r')) field = field.slice(0, -1);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (i < n && text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    if (fields.length === 1 && fields[0] === '' && !bad) bad = { message: 'empty line', column: 0 };
    if (bad) {
      log.report(start, bad.message, bad.column || undefined);
      continue;
    }
    yield { line: start, fields };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) count++;
  return count;
}

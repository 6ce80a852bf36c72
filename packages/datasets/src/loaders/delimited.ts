import { DataFormatError, ProblemLog, type DataProblem, type OnInvalid } from '../errors.js';
import { parseBooleanField, parseIntField, parseNumberField, type FieldResult } from './field-values.js';
import { readRecords } from './records.js';

/**
 * The type of a column's values; a trailing '?' makes an empty field null instead of an error.
 * - `string`: the field as written.
 * - `number`: finite decimal notation (`42`, `-0.5`, `1.5e-3`); not `Infinity`, `NaN`, hex or `1e999`.
 * - `int`: digits with an optional sign, from -2147483648 to 2147483647 (int32).
 * - `boolean`: `true`, `false`, `1` or `0`, in any letter case.
 *
 * White space around a number, int or boolean is ignored.
 * @example const type: ColumnType = 'int';
 */
export type ColumnType = 'string' | 'number' | 'int' | 'boolean';
/** A column's type, optionally nullable: 'number' or 'number?'. */
export type ColumnSpec = ColumnType | `${ColumnType}?`;
/** The columns to read, by name, with their types (in file order when there is no header). */
export type Schema = Record<string, ColumnSpec>;

type ValueOf<S> = S extends 'string' | 'string?' ? string : S extends 'boolean' | 'boolean?' ? boolean : number;
/** The row type a schema describes: `{ rating: 'number', title: 'string?' }` → `{ rating: number; title: string | null }`. */
export type RowOf<S extends Schema> = { [K in keyof S]: S[K] extends `${string}?` ? ValueOf<S[K]> | null : ValueOf<S[K]> };

/**
 * Options of the CSV/TSV readers.
 * @example { columns: { userId: 'int', movieId: 'int', rating: 'number', timestamp: 'int' } }
 */
export interface DelimitedOptions<S extends Schema> {
  /** The columns to read and their types. With a header they are found by name (other columns are ignored). */
  columns: S;
  /** Whether the first line names the columns. Default true. */
  header?: boolean;
  /** The name of the input in error messages (the loaders use the file's path). */
  source?: string;
  /** 'error' (default) throws a DataFormatError at the first bad line; 'skip' leaves bad lines out and counts them. */
  onInvalid?: OnInvalid;
}

/** Options of {@link parseDelimited}: the format too. */
export interface FormatOptions<S extends Schema> extends DelimitedOptions<S> {
  /** The field separator: ',' for CSV, '\t' for TSV. */
  delimiter: string;
  /** The quote character (CSV: '"'), or null for none (TSV). */
  quote: string | null;
}

/** Typed rows, the header, and what was left out (only with `onInvalid: 'skip'`). */
export interface Table<R> {
  rows: R[];
  /** The header's names, or the schema's keys when there is no header. */
  header: string[];
  dropped: number;
  problems: DataProblem[];
  source: string;
}

/** Converts one field, or returns what is wrong with it. White space around a non-string field is ignored. */
function convert(raw: string, spec: ColumnSpec): FieldResult<unknown> {
  const optional = spec.endsWith('?');
  const type = (optional ? spec.slice(0, -1) : spec) as ColumnType;
  const text = type === 'string' ? raw : raw.trim();
  if (text === '' && optional) return { value: null };
  switch (type) {
    case 'string': return { value: raw };
    case 'int': return parseIntField(text);
    case 'number': return parseNumberField(text);
    case 'boolean': return parseBooleanField(text);
    default:
      throw new TypeError(`unknown column type ${JSON.stringify(spec)} (expected string, number, int or boolean, optionally with '?')`);
  }
}

/**
 * Reads delimited text into typed rows. Each line is checked: the number of fields must match the header (or the
 * schema), and each typed field must parse; the error names the file, the line, the column and the value. A
 * header that lacks a column of the schema is always an error.
 *
 * @example
 * parseDelimited('user,rating\n1,4.5\n', { delimiter: ',', quote: '"', columns: { user: 'int', rating: 'number' } }).rows
 * // [{ user: 1, rating: 4.5 }]
 */
export function parseDelimited<S extends Schema>(text: string, options: FormatOptions<S>): Table<RowOf<S>> {
  const source = options.source ?? '<table>';
  const log = new ProblemLog(source, options.onInvalid);
  const names = Object.keys(options.columns);
  if (names.length === 0) throw new Error('parseDelimited: columns must name at least one column');
  for (const name of names) convert('', options.columns[name]); // rejects unknown types early
  const records = readRecords(text, options.delimiter, options.quote, log);
  let header = names;
  let positions = names.map((_, k) => k);
  if (options.header ?? true) {
    const first = records.next();
    if (first.done) throw new DataFormatError({ source, line: 1, message: `no header line (expected the columns ${names.join(', ')})` });
    header = first.value.fields;
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) throw new DataFormatError({ source, line: first.value.line, message: `the header names column '${h}' twice` });
      seen.add(h);
    }
    const missing = names.filter((name) => !seen.has(name));
    if (missing.length) {
      throw new DataFormatError({ source, line: first.value.line, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (the header has: ${header.join(', ')})` });
    }
    positions = names.map((name) => header.indexOf(name));
  }
  const rows: RowOf<S>[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== header.length) {
      log.report(line, `expected ${header.length} fields (${header.join(', ')}), got ${fields.length}`);
      continue;
    }
    const row: Record<string, unknown> = {};
    let ok = true;
    for (let k = 0; k < names.length && ok; k++) {
      const result = convert(fields[positions[k]], options.columns[names[k]]);
      if ('error' in result) {
        log.report(line, `column '${names[k]}': ${result.error}`, positions[k] + 1);
        ok = false;
      } else row[names[k]] = result.value;
    }
    if (ok) rows.push(row as RowOf<S>);
  }
  return { rows, header, dropped: log.dropped, problems: log.problems, source };
}

/**
 * Parses CSV text (comma-separated; fields may be quoted with '"', RFC 4180) into typed rows.
 * @example parseCsv('userId,movieId,rating\n1,31,2.5\n', { columns: { userId: 'int', movieId: 'int', rating: 'number' } })
 */
export function parseCsv<S extends Schema>(text: string, options: DelimitedOptions<S>): Table<RowOf<S>> {
  return parseDelimited(text, { ...options, delimiter: ',', quote: '"' });
}

/**
 * Parses TSV text (tab-separated, no quoting: quotes are ordinary characters) into typed rows.
 * @example parseTsv('label\ttext\n1\tGood case.\n', { columns: { label: 'int', text: 'string' } }).rows // [{ label: 1, text: 'Good case.' }]
 */
export function parseTsv<S extends Schema>(text: string, options: DelimitedOptions<S>): Table<RowOf<S>> {
  return parseDelimited(text, { ...options, delimiter: '\t', quote: null });
}

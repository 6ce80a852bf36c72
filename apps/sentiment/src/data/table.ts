/** Users' own labelled texts: a CSV or TSV with a text column and a label column, labels as strings. */
import { DataFormatError, parseDelimited, splitLines } from '@typegrad/datasets';
import { compareCodePoints } from '@typegrad/tokenizers';
import type { TextDataset } from './examples.js';

/** Which columns hold what. */
export interface TableColumns {
  /** The column of the texts. Default 'text'. */
  textCol?: string;
  /** The column of the labels (any strings; each distinct one is a class). Default 'label'. */
  labelCol?: string;
  /** A column to stratify splits by and report accuracy per value of, if any. */
  sourceCol?: string;
}

/**
 * Parses labelled texts from CSV (quoted fields, RFC 4180) or TSV (no quoting). Classes are the distinct labels in
 * code-point order. A malformed line (a quote left open, the wrong number of fields, a missing column) is an error
 * naming the file, line and column; an empty label or text is an error naming its row and column.
 * @example
 * parseLabelledTable('text,label\n"Great, really",pos\nAwful,neg\n', { format: 'csv' })
 * // { name: '<table>', classes: ['neg', 'pos'], examples: [{ text: 'Great, really', label: 1 }, { text: 'Awful', label: 0 }] }
 */
export function parseLabelledTable(text: string, options: TableColumns & { format: 'csv' | 'tsv'; source?: string }): TextDataset {
  const source = options.source ?? '<table>';
  const textCol = options.textCol ?? 'text';
  const labelCol = options.labelCol ?? 'label';
  const columns: Record<string, 'string'> = { [textCol]: 'string', [labelCol]: 'string' };
  if (options.sourceCol) columns[options.sourceCol] = 'string';
  const table = options.format === 'csv' ? parseDelimited(text, { columns, source, delimiter: ',', quote: '"' }) : parseDelimited(text, { columns, source, delimiter: '\t', quote: null });
  const column = (name: string) => table.header.indexOf(name) + 1;
  // rows are lines 2, 3, … unless a quoted field spans lines or blank lines are skipped; then only the row is named
  const oneLineEach = splitLines(text).filter((l) => l !== '').length === table.rows.length + 1;
  table.rows.forEach((row, k) => {
    for (const name of [textCol, labelCol]) {
      if (row[name].trim() !== '') continue;
      const message = `row ${k + 1}: column '${name}' is empty`;
      if (oneLineEach) throw new DataFormatError({ source, line: k + 2, column: column(name), message });
      throw new Error(`${source}: ${message} (field ${column(name)})`);
    }
  });
  const classes = [...new Set(table.rows.map((r) => r[labelCol]))].sort(compareCodePoints);
  if (classes.length < 2) throw new Error(`${source}: column '${labelCol}' holds ${classes.length === 0 ? 'no labels' : `one label only ('${classes[0]}')`}; a classifier needs at least two`);
  const index = new Map(classes.map((c, i) => [c, i]));
  const examples = table.rows.map((r) => ({ text: r[textCol], label: index.get(r[labelCol])!, ...(options.sourceCol ? { source: r[options.sourceCol] } : {}) }));
  return { name: source, classes, examples };
}

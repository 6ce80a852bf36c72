/** The texts a command trains on (Node only): the shipped sentences, or a user's CSV/TSV. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { sentimentDataset, type TextDataset } from '../data/examples.js';
import { parseLabelledTable } from '../data/table.js';
import { stringFlag, UsageError, type RawFlags } from './options.js';

/**
 * Reads `--data` (with `--text-col`, `--label-col`, `--source-col`), or the 3,000 UCI sentences that ship with
 * `@typegrad/datasets`. A file ending .tsv or .tab is read as TSV, any other as CSV.
 * @example const data = await readData({}); // 3,000 sentences, classes negative and positive
 */
export async function readData(flags: RawFlags): Promise<TextDataset> {
  const file = stringFlag(flags, 'data');
  if (file === undefined) {
    for (const name of ['text-col', 'label-col', 'source-col']) if (flags[name] !== undefined) throw new UsageError(`--${name} applies to --data`);
    return sentimentDataset((await loadSentimentSentences()).sentences);
  }
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`--data: cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { cause: e });
  }
  return parseLabelledTable(text, {
    format: /\.(tsv|tab)$/i.test(path) ? 'tsv' : 'csv',
    source: file,
    textCol: stringFlag(flags, 'text-col'),
    labelCol: stringFlag(flags, 'label-col'),
    sourceCol: stringFlag(flags, 'source-col'),
  });
}

/** How the data reads in reports. @example describeData(data) // 'the UCI sentiment sentences: 3,000 texts, 2 classes (negative, positive)' */
export function describeData(data: TextDataset): string {
  const what = data.name === 'sentiment-sentences' ? 'the UCI sentiment sentences (Kotzias et al. 2015, CC BY 4.0)' : data.name;
  return `${what}: ${data.examples.length.toLocaleString('en-US')} texts, ${data.classes.length} classes (${data.classes.join(', ')})`;
}

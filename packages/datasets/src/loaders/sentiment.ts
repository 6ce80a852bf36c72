import { DataFormatError, ProblemLog, type DataProblem, type OnInvalid } from '../errors.js';
import { splitLines } from './source.js';

/**
 * One labelled sentence of UCI's "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015).
 * @example { label: 1, source: 'yelp', text: 'Wow... Loved this place.' }
 */
export interface SentimentSentence {
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  /** Where the review came from: 'amazon', 'imdb' or 'yelp' in the shipped file. */
  source: string;
  text: string;
}

/** Options of {@link parseSentimentSentences} and `loadSentimentSentences` (`@typegrad/datasets/node`). */
export interface SentimentOptions {
  /** The name of the input in error messages (the loader uses the file's path). Default '<sentiment>'. */
  source?: string;
  /** 'error' (default) throws a DataFormatError at the first bad line; 'skip' leaves bad lines out and counts them. */
  onInvalid?: OnInvalid;
}

/** The sentences in file order, and what was left out (only with `onInvalid: 'skip'`). */
export interface SentimentSentences {
  sentences: SentimentSentence[];
  dropped: number;
  problems: DataProblem[];
  /** The file or the name given as `source`. */
  source: string;
}

const HEADER = ['label', 'source', 'text'];

/**
 * Parses the sentiment sentences table: a header `label<TAB>source<TAB>text`, then one sentence a line, label 0 or
 * 1, a non-empty source and text. Tabs separate and nothing is quoted (a quote is an ordinary character). A
 * malformed line (the wrong number of fields, a label that is not 0 or 1, an empty field) is an error naming the
 * file, the line and the column.
 *
 * @example
 * parseSentimentSentences('label\tsource\ttext\n1\tyelp\tLoved this place.\n').sentences
 * // [{ label: 1, source: 'yelp', text: 'Loved this place.' }]
 * parseSentimentSentences('label\tsource\ttext\n2\tyelp\tOk.', { source: 's.tsv' })
 * // throws DataFormatError: s.tsv:2:1: label "2" is not 0 or 1
 */
export function parseSentimentSentences(text: string, options: SentimentOptions = {}): SentimentSentences {
  const source = options.source ?? '<sentiment>';
  const log = new ProblemLog(source, options.onInvalid);
  const lines = splitLines(text);
  const header = lines[0]?.split('\t');
  if (!header || header.join('\t') !== HEADER.join('\t')) {
    // never skipped: a file without this header is another format, not a bad line
    throw new DataFormatError({ source, line: 1, message: `expected the header "${HEADER.join('\\t')}", got ${JSON.stringify(lines[0] ?? '')}` });
  }
  const sentences: SentimentSentence[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i].split('\t');
    if (fields.length !== 3) {
      log.report(i + 1, `expected 3 tab-separated fields (label, source, text), got ${fields.length}`);
      continue;
    }
    const [label, from, sentence] = fields;
    if (label !== '0' && label !== '1') log.report(i + 1, `label ${JSON.stringify(label)} is not 0 or 1`, 1);
    else if (from.trim() === '') log.report(i + 1, 'the source is empty', 2);
    else if (sentence.trim() === '') log.report(i + 1, 'the text is empty', 3);
    else sentences.push({ label: label === '1' ? 1 : 0, source: from, text: sentence });
  }
  return { sentences, dropped: log.dropped, problems: log.problems, source };
}

/** Labelled texts as every model reads them: the text, its class as an index into the class names, and where it came from. */
import type { SentimentSentence } from '@typegrad/datasets';

/**
 * One labelled text.
 * @example { text: 'Loved this place.', label: 1, source: 'yelp' }
 */
export interface LabelledText {
  text: string;
  /** An index into {@link TextDataset.classes}. */
  label: number;
  /** Where the text came from ('amazon', 'imdb', 'yelp'), when known: splits are stratified by it, and accuracy is reported per source. */
  source?: string;
}

/**
 * Texts with their class names (index = label).
 * @example { name: 'sentiment-sentences', classes: ['negative', 'positive'], examples: [...] }
 */
export interface TextDataset {
  /** What checkpoints record as the data: 'sentiment-sentences' or a file's path. */
  name: string;
  classes: string[];
  examples: LabelledText[];
}

/** The class names of the shipped sentences: label 0 is negative, 1 positive. */
export const SENTIMENT_CLASSES = ['negative', 'positive'];

/**
 * The shipped sentences (`loadSentimentSentences()` or `parseSentimentSentences(text)` from `@typegrad/datasets`) as a data set.
 * @example const data = sentimentDataset((await loadSentimentSentences()).sentences); // 3,000 examples, 2 classes
 */
export function sentimentDataset(sentences: readonly SentimentSentence[], name = 'sentiment-sentences'): TextDataset {
  return { name, classes: [...SENTIMENT_CLASSES], examples: sentences.map((s) => ({ text: s.text, label: s.label, source: s.source })) };
}

/** The examples at `indices`. @example pick(data.examples, split.train) */
export const pick = <T>(items: readonly T[], indices: readonly number[]): T[] => indices.map((i) => items[i]);

/** How many examples of each class. @example classCounts(data) // [1500, 1500] */
export function classCounts(data: TextDataset, examples: readonly LabelledText[] = data.examples): number[] {
  const counts = new Array<number>(data.classes.length).fill(0);
  for (const e of examples) counts[e.label]++;
  return counts;
}

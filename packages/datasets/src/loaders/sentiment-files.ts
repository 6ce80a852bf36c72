/** The sentiment sentences read from a local file (Node only; the `@typegrad/datasets/node` entry). */
import { sentimentSentencesUrl } from '../shipped.js';
import { readTextFile, type FileLocation } from './files.js';
import { parseSentimentSentences, type SentimentOptions, type SentimentSentences } from './sentiment.js';

/**
 * Reads UCI's "Sentiment Labelled Sentences" (3,000 sentences from Amazon, IMDb and Yelp, CC BY 4.0) that ship with
 * this package ({@link sentimentSentencesUrl}), or a file of the same format at `location`, with
 * {@link parseSentimentSentences}. Never downloads.
 * @example
 * const { sentences } = await loadSentimentSentences();
 * sentences.length; // 3000
 * sentences[0];     // { label: 0, source: 'amazon', text: 'So there is no way for me to plug it in here in the US unless I go by a converter.' }
 */
export async function loadSentimentSentences(location?: FileLocation, options: SentimentOptions = {}): Promise<SentimentSentences> {
  const { text, source } = await readTextFile('loadSentimentSentences', location ?? sentimentSentencesUrl());
  return parseSentimentSentences(text, { ...options, source: options.source ?? source });
}

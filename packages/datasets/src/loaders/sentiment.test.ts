import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../errors.js';
import { SENTIMENT_ATTRIBUTION, sentimentSentencesUrl } from '../shipped.js';
import { parseSentimentSentences } from './sentiment.js';
import { loadSentimentSentences } from './sentiment-files.js';

const HEAD = 'label\tsource\ttext\n';

describe('parseSentimentSentences', () => {
  it('reads label, source and text; quotes are ordinary characters', () => {
    const { sentences } = parseSentimentSentences(`${HEAD}1\tyelp\tLoved "this" place.\r\n0\timdb\tDull.\n`);
    expect(sentences).toEqual([
      { label: 1, source: 'yelp', text: 'Loved "this" place.' },
      { label: 0, source: 'imdb', text: 'Dull.' },
    ]);
  });

  it('names the file, line and column of a malformed line', () => {
    expect(() => parseSentimentSentences(`${HEAD}2\tyelp\tOk.`, { source: 's.tsv' })).toThrow('s.tsv:2:1: label "2" is not 0 or 1');
    expect(() => parseSentimentSentences(`${HEAD}1\tyelp\tOk.\n1\tyelp`, { source: 's.tsv' })).toThrow('s.tsv:3: expected 3 tab-separated fields (label, source, text), got 2');
    expect(() => parseSentimentSentences(`${HEAD}1\t\tOk.`)).toThrow('<sentiment>:2:2: the source is empty');
    expect(() => parseSentimentSentences(`${HEAD}1\tyelp\t `)).toThrow('<sentiment>:2:3: the text is empty');
    expect(() => parseSentimentSentences('text\tlabel\nOk.\t1', { source: 'uci.txt' })).toThrow(DataFormatError);
    expect(() => parseSentimentSentences('text\tlabel\nOk.\t1', { source: 'uci.txt' })).toThrow('uci.txt:1: expected the header "label\\tsource\\ttext", got "text\\tlabel"');
  });

  it('leaves bad lines out only when asked, and says which', () => {
    const parsed = parseSentimentSentences(`${HEAD}1\tyelp\tGood.\nx\tyelp\tBad.\n0\tyelp\tMeh.`, { onInvalid: 'skip' });
    expect(parsed.sentences.map((s) => s.text)).toEqual(['Good.', 'Meh.']);
    expect(parsed.dropped).toBe(1);
    expect(parsed.problems).toEqual([{ source: '<sentiment>', line: 3, column: 1, message: 'label "x" is not 0 or 1' }]);
  });
});

describe('the shipped sentiment sentences', () => {
  it('are 3,000 sentences, 500 of each label from each of Amazon, IMDb and Yelp', async () => {
    const { sentences, source } = await loadSentimentSentences();
    expect(sentences).toHaveLength(3000);
    const counts: Record<string, number> = {};
    for (const s of sentences) counts[`${s.source}/${s.label}`] = (counts[`${s.source}/${s.label}`] ?? 0) + 1;
    expect(counts).toEqual({ 'amazon/0': 500, 'amazon/1': 500, 'imdb/0': 500, 'imdb/1': 500, 'yelp/0': 500, 'yelp/1': 500 });
    expect(sentences[1]).toEqual({ label: 1, source: 'amazon', text: 'Good case, Excellent value.' });
    expect(source).toBe(decodeURIComponent(sentimentSentencesUrl().pathname));
    expect(SENTIMENT_ATTRIBUTION).toContain('CC BY 4.0');
  });
});

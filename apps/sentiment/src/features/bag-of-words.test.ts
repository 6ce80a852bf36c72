import { describe, expect, it } from 'vitest';
import { BagOfWords, tokenize } from './bag-of-words.js';

const texts = ['A great film.', 'A dull film.', 'Great, great acting!'];

describe('BagOfWords', () => {
  it('tokenizes as the word tokenizer does: NFKC, lowercased, punctuation apart', () => {
    expect(tokenize('Great, GREAT acting!')).toEqual(['great', ',', 'great', 'acting', '!']);
  });

  it('counts words and pairs seen in at least minFrequency texts, in code-point order', () => {
    const bow = BagOfWords.fit(texts, { weighting: 'count', minFrequency: 2 });
    expect(bow.features).toEqual(['.', 'a', 'film', 'film .', 'great']);
    expect(bow.vectorize('great film. great')).toEqual({ indices: [0, 2, 3, 4], values: [1, 1, 1, 2] });
    const words = BagOfWords.fit(texts, { weighting: 'count', minFrequency: 1, ngrams: 1 });
    expect(words.features).toEqual(['!', ',', '.', 'a', 'acting', 'dull', 'film', 'great']);
  });

  it("tf-idf: scikit-learn's smoothed idf, ln((1 + n) / (1 + df)) + 1, rows scaled to length 1", () => {
    const bow = BagOfWords.fit(texts, { weighting: 'tfidf', minFrequency: 1, ngrams: 1 });
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1;
    expect(bow.idf![bow.features.indexOf('great')]).toBeCloseTo(idf(2), 12);
    expect(bow.idf![bow.features.indexOf('dull')]).toBeCloseTo(idf(1), 12);
    const { indices, values } = bow.vectorize('great great dull');
    expect(indices.map((i) => bow.features[i])).toEqual(['dull', 'great']);
    const raw = [idf(1), 2 * idf(2)];
    const norm = Math.hypot(...raw);
    expect(values[0]).toBeCloseTo(raw[0] / norm, 12);
    expect(values[1]).toBeCloseTo(raw[1] / norm, 12);
    expect(bow.vectorize('never seen')).toEqual({ indices: [], values: [] });
  });

  it("'nb': presence times the naive-Bayes log-count ratio, log((p/Σp)/(q/Σq)) with one added to each count", () => {
    // labels: 'A great film.' and 'Great, great acting!' positive, 'A dull film.' negative
    const bow = BagOfWords.fit(texts, { weighting: 'nb', minFrequency: 1, ngrams: 1 }, [1, 0, 1]);
    // features ! , . a acting dull film great: texts of class 1 holding each, and of class 0
    const p = [2, 2, 2, 2, 2, 1, 2, 3];
    const q = [1, 1, 2, 2, 1, 2, 2, 1];
    const [sp, sq] = [p.reduce((a, b) => a + b), q.reduce((a, b) => a + b)];
    const ratio = (f: string) => Math.log(p[bow.features.indexOf(f)] / sp / (q[bow.features.indexOf(f)] / sq));
    const { indices, values } = bow.vectorize('great great dull');
    expect(indices.map((i) => bow.features[i])).toEqual(['dull', 'great']);
    expect(values[0]).toBeCloseTo(ratio('dull'), 12); // negative: 'dull' is in the negative text only
    expect(values[1]).toBeCloseTo(ratio('great'), 12); // once, though it occurs twice
    expect(values[0]).toBeLessThan(0);
    expect(values[1]).toBeGreaterThan(0);
    const back = BagOfWords.fromJSON(JSON.parse(JSON.stringify(bow.toJSON())));
    expect(back.vectorize('great great dull')).toEqual({ indices, values });
    expect(() => BagOfWords.fit(texts, { weighting: 'nb' })).toThrow("BagOfWords: 'nb' weighting needs the training texts' labels, each 0 or 1 (two classes)");
    expect(() => BagOfWords.fit(texts, { weighting: 'nb' }, [0, 1, 2])).toThrow('two classes');
    expect(() => BagOfWords.fit(texts, { weighting: 'nb' }, [1, 1, 1])).toThrow("BagOfWords: 'nb' weighting needs training texts of both classes");
  });

  it('keeps the positions each n-gram covers, and survives JSON', () => {
    const bow = BagOfWords.fit(texts, { minFrequency: 1 });
    const { tokens, occurrences } = bow.analyse('a great film');
    expect(tokens).toEqual(['a', 'great', 'film']);
    expect(occurrences.map((o) => [bow.features[o.feature], o.positions])).toEqual([
      ['a', [0]],
      ['great', [1]],
      ['film', [2]],
      ['a great', [0, 1]],
      ['great film', [1, 2]],
    ]);
    const back = BagOfWords.fromJSON(JSON.parse(JSON.stringify(bow.toJSON())));
    expect(back.features).toEqual(bow.features);
    expect(back.vectorize('great acting, a great film')).toEqual(bow.vectorize('great acting, a great film'));
    expect(() => BagOfWords.fromJSON({ format: 'other' })).toThrow('not a typegrad bag-of-words vocabulary');
  });
});

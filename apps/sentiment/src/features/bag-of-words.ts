/**
 * Bags of words: each text becomes counts (or tf-idf weights, or naive-Bayes-scaled presence) of its words and,
 * optionally, of its pairs of adjacent words, over a vocabulary of the n-grams seen in at least `minFrequency`
 * training texts. The course's linear classifier reads these vectors; scikit-learn's CountVectorizer and
 * TfidfVectorizer make the first two.
 */
import { normalizeText, splitWords } from '@typegrad/tokenizers';

/** How texts become vectors. @example { ngrams: 2, minFrequency: 2, weighting: 'tfidf', lowercase: true } */
export interface BagOfWordsOptions {
  /** 1: words only; 2: words and adjacent pairs. Default 2. */
  ngrams: 1 | 2;
  /** Keep only n-grams that appear in at least this many training texts (scikit-learn's min_df). Default 2. */
  minFrequency: number;
  /**
   * 'count': how often each n-gram occurs; 'tfidf': counts × idf, each text's vector scaled to length 1
   * (scikit-learn's TfidfVectorizer defaults); 'nb': whether each n-gram occurs, times its naive-Bayes log-count
   * ratio between the two classes in the training texts (Wang and Manning's NBSVM features, ACL 2012: the
   * classifier starts from what each n-gram says about the class). 'nb' needs the training labels and two classes.
   * Default 'count'.
   */
  weighting: 'count' | 'tfidf' | 'nb';
  /** Lowercase after NFKC normalisation. Default true. */
  lowercase: boolean;
}

/** The defaults: counts of unigrams and bigrams seen in at least 2 training texts. */
export const BAG_OF_WORDS_DEFAULTS: BagOfWordsOptions = { ngrams: 2, minFrequency: 2, weighting: 'count', lowercase: true };

/** A sparse vector: feature indices (ascending) and their values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** One n-gram of a text that is in the vocabulary, with the token positions it covers. */
export interface TermOccurrence {
  feature: number;
  /** The tokens it covers: one for a word, two for a pair. */
  positions: number[];
}

/** A text's tokens and the vocabulary n-grams found among them. */
export interface AnalysedText {
  tokens: string[];
  occurrences: TermOccurrence[];
}

/** The saved form of a {@link BagOfWords}. */
export interface BagOfWordsJSON {
  format: 'typegrad-bag-of-words';
  version: 1;
  options: BagOfWordsOptions;
  features: string[];
  /** tf-idf: each feature's idf; null otherwise. */
  idf: number[] | null;
  /** 'nb': each feature's log-count ratio; absent or null otherwise. */
  ratio?: number[] | null;
}

/** The tokens of a text: NFKC, lowercased, words and punctuation apart (`@typegrad/tokenizers`' `splitWords`). */
export const tokenize = (text: string, lowercase = true): string[] => splitWords(normalizeText(text, lowercase));

/** A text's n-grams in order, each with the positions it covers. */
function ngramsOf(tokens: readonly string[], n: 1 | 2): { term: string; positions: number[] }[] {
  const out = tokens.map((t, i) => ({ term: t, positions: [i] }));
  if (n === 2) for (let i = 0; i + 1 < tokens.length; i++) out.push({ term: `${tokens[i]} ${tokens[i + 1]}`, positions: [i, i + 1] });
  return out;
}

/**
 * A fitted bag-of-words vocabulary: n-grams in code-point order (so the same texts always give the same indices;
 * a pair is written 'word word'), with their idf for tf-idf.
 * @example
 * const bow = BagOfWords.fit(['a great film', 'a dull film'], { minFrequency: 1, ngrams: 1, weighting: 'count' });
 * bow.features            // ['a', 'dull', 'film', 'great']
 * bow.vectorize('A great, great film') // { indices: [0, 2, 3], values: [1, 1, 2] }
 */
export class BagOfWords {
  private readonly index: Map<string, number>;

  constructor(
    readonly features: readonly string[],
    readonly idf: Float64Array | null,
    readonly options: BagOfWordsOptions,
    /** 'nb': each feature's naive-Bayes log-count ratio, log((p_j/‖p‖₁)/(q_j/‖q‖₁)), p and q the texts of class 1 and 0 holding it, plus 1. */
    readonly ratio: Float64Array | null = null,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
    if (options.weighting === 'tfidf' && (!idf || idf.length !== features.length)) throw new Error(`BagOfWords: tf-idf needs one idf per feature (${features.length}), got ${idf?.length ?? 'none'}`);
    if (options.weighting === 'nb' && (!ratio || ratio.length !== features.length)) throw new Error(`BagOfWords: 'nb' weighting needs one ratio per feature (${features.length}), got ${ratio?.length ?? 'none'}`);
  }

  /**
   * Learns the vocabulary (and idf, or the naive-Bayes ratios from `labels`, 0 or 1 per text) from training texts.
   * @example BagOfWords.fit(trainTexts, { minFrequency: 2 })
   * @example BagOfWords.fit(trainTexts, { weighting: 'nb' }, trainLabels)
   */
  static fit(texts: Iterable<string>, options: Partial<BagOfWordsOptions> = {}, labels?: readonly number[]): BagOfWords {
    const o = { ...BAG_OF_WORDS_DEFAULTS, ...options };
    if (!Number.isInteger(o.minFrequency) || o.minFrequency < 1) throw new RangeError(`BagOfWords: minFrequency must be a positive integer, got ${o.minFrequency}`);
    if (o.weighting === 'nb' && (labels === undefined || labels.some((y) => y !== 0 && y !== 1))) {
      throw new Error("BagOfWords: 'nb' weighting needs the training texts' labels, each 0 or 1 (two classes)");
    }
    const df = new Map<string, number>();
    const positive = new Map<string, number>(); // texts of class 1 holding the term
    let n = 0;
    let ones = 0;
    for (const text of texts) {
      const y = labels?.[n];
      n++;
      if (y === 1) ones++;
      for (const term of new Set(ngramsOf(tokenize(text, o.lowercase), o.ngrams).map((g) => g.term))) {
        df.set(term, (df.get(term) ?? 0) + 1);
        if (y === 1) positive.set(term, (positive.get(term) ?? 0) + 1);
      }
    }
    if (labels !== undefined && labels.length !== n) throw new Error(`BagOfWords: ${labels.length} labels for ${n} texts`);
    if (o.weighting === 'nb' && (ones === 0 || ones === n)) throw new Error("BagOfWords: 'nb' weighting needs training texts of both classes");
    const features = [...df].filter(([, d]) => d >= o.minFrequency).map(([t]) => t).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1
    const idf = o.weighting === 'tfidf' ? Float64Array.from(features, (f) => Math.log((1 + n) / (1 + df.get(f)!)) + 1) : null;
    return new BagOfWords(features, idf, o, o.weighting === 'nb' ? naiveBayesRatios(features, df, positive) : null);
  }

  /** Reads the saved form. @example BagOfWords.fromJSON(JSON.parse(text)) */
  static fromJSON(json: unknown): BagOfWords {
    const j = json as BagOfWordsJSON;
    if (typeof j !== 'object' || j === null || j.format !== 'typegrad-bag-of-words' || j.version !== 1) throw new Error("BagOfWords.fromJSON: not a typegrad bag-of-words vocabulary (format 'typegrad-bag-of-words', version 1)");
    if (!Array.isArray(j.features) || !j.features.every((f) => typeof f === 'string')) throw new Error('BagOfWords.fromJSON: features must be an array of strings');
    return new BagOfWords(j.features, j.idf ? Float64Array.from(j.idf) : null, { ...BAG_OF_WORDS_DEFAULTS, ...j.options }, j.ratio ? Float64Array.from(j.ratio) : null);
  }

  /** How many features: the width of the vectors. */
  get size(): number {
    return this.features.length;
  }

  /** A text's tokens and the vocabulary n-grams among them (what explanations attribute). */
  analyse(text: string): AnalysedText {
    const tokens = tokenize(text, this.options.lowercase);
    const occurrences: TermOccurrence[] = [];
    for (const { term, positions } of ngramsOf(tokens, this.options.ngrams)) {
      const feature = this.index.get(term);
      if (feature !== undefined) occurrences.push({ feature, positions });
    }
    return { tokens, occurrences };
  }

  /** The vector of a text. @example bow.vectorize('Loved it!') */
  vectorize(text: string): SparseVector {
    return this.vectorOf(this.analyse(text).occurrences);
  }

  /** The vector of analysed occurrences. */
  vectorOf(occurrences: readonly TermOccurrence[]): SparseVector {
    const counts = new Map<number, number>();
    for (const { feature } of occurrences) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const indices = [...counts.keys()].sort((a, b) => a - b);
    let values = indices.map((i) => counts.get(i)!);
    if (this.ratio) {
      const ratio = this.ratio;
      return { indices, values: indices.map((i) => ratio[i]) }; // presence, not count, times the ratio
    }
    if (this.idf) {
      const idf = this.idf;
      values = values.map((v, k) => v * idf[indices[k]]);
      const norm = Math.hypot(...values);
      if (norm > 0) values = values.map((v) => v / norm);
    }
    return { indices, values };
  }

  toJSON(): BagOfWordsJSON {
    return { format: 'typegrad-bag-of-words', version: 1, options: { ...this.options }, features: [...this.features], idf: this.idf ? Array.from(this.idf) : null, ratio: this.ratio ? Array.from(this.ratio) : null };
  }
}

/**
 * Each feature's log-count ratio with add-one smoothing: p_j = 1 + texts of class 1 holding it, q_j = 1 + texts of
 * class 0 holding it, r_j = log((p_j / Σp) / (q_j / Σq)).
 */
function naiveBayesRatios(features: readonly string[], df: ReadonlyMap<string, number>, positive: ReadonlyMap<string, number>): Float64Array {
  const p = features.map((f) => 1 + (positive.get(f) ?? 0));
  const q = features.map((f, j) => 1 + df.get(f)! - (p[j] - 1));
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  return Float64Array.from(features, (_, j) => Math.log(p[j] / sp / (q[j] / sq)));
}

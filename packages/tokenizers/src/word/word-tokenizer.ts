import { encodeBatch, type BatchEncodeOptions, type BatchEncoding } from '../batch.js';
import { checkTokenizerFile, fileHeader, stringArrayField, type WordTokenizerJSON } from '../serialization.js';
import { SpecialTokenMatcher } from '../special-tokens.js';
import type { DecodeOptions, EncodeOptions, Tokenizer } from '../tokenizer.js';
import { compareCodePoints } from '../unicode.js';
import { Vocabulary } from '../vocabulary.js';
import { normalizeText, splitWords } from './split-words.js';

/**
 * Options of `WordTokenizer.fromCorpus` (the normalisation and special-token ones also apply to the constructor).
 * @example { minFrequency: 2, maxSize: 10_000 }
 */
export interface WordTokenizerOptions {
  /** Lowercase after NFKC normalisation. Default true. */
  lowercase?: boolean;
  /** Keep only words seen at least this many times. Default 1. */
  minFrequency?: number;
  /** The largest vocabulary, special tokens included; the most frequent words are kept. Default: no limit. */
  maxSize?: number;
  /** The padding token, id 0. Default '<pad>'. */
  pad?: string;
  /** The token for words outside the vocabulary, id 1. Default '<unk>'. */
  unknown?: string;
  /** More special tokens (such as '<bos>', '<eos>'), ids 2, 3, ... */
  specialTokens?: readonly string[];
}

/**
 * A word-level tokenizer: text is NFKC-normalised (and lowercased by default), split into words and punctuation
 * (see `splitWords`), and each token looked up; a word outside the vocabulary becomes `<unk>` (id 1), and
 * `<pad>` is id 0, as a sentiment classifier's embedding expects.
 *
 * White space is not kept: `decode` joins tokens with single spaces, punctuation included as a separate token
 * (`'hello , world !'`). So `decode(encode(s))` equals `normalize(s)`, and equals `s` for text already in that
 * form whose words are all in the vocabulary. Lone surrogates become U+FFFD before normalisation.
 *
 * The vocabulary lists special tokens first, then words by count, most frequent first; words with equal counts
 * are ordered by code point, so the same corpus always gives the same ids.
 * @example
 * const tok = WordTokenizer.fromCorpus(['A great film!', 'A bad film.']);
 * tok.encode('a GREAT film?')   // [2, 7, 3, 1]: 'a', 'great', 'film', and '?' is unknown
 * tok.decode(tok.encode('A  great film!')) // 'a great film !'
 */
export class WordTokenizer implements Tokenizer {
  /** Always 'word'. @example tok.type // 'word' */
  readonly type = 'word' as const;
  /** Whether text is lowercased. */
  readonly lowercase: boolean;
  /** The padding token (id 0). */
  readonly pad: string;
  /** The unknown-word token (id 1). */
  readonly unknown: string;
  /** Special tokens and their ids. @example tok.specialTokens.get('<pad>') */
  readonly specialTokens: ReadonlyMap<string, number>;
  private readonly vocab: Vocabulary;
  private readonly extraSpecials: readonly string[];
  private readonly matcher: SpecialTokenMatcher;

  /**
   * A tokenizer over `vocab`, the tokens in id order, starting with `pad`, `unknown` and the other special tokens.
   * @example new WordTokenizer(['<pad>', '<unk>', 'good', 'bad'])
   */
  constructor(vocab: readonly string[], options: Omit<WordTokenizerOptions, 'minFrequency' | 'maxSize'> = {}) {
    this.lowercase = options.lowercase ?? true;
    this.pad = options.pad ?? '<pad>';
    this.unknown = options.unknown ?? '<unk>';
    this.extraSpecials = [...(options.specialTokens ?? [])];
    this.vocab = new Vocabulary(vocab, 'WordTokenizer');
    const specials = new Map<string, number>();
    [this.pad, this.unknown, ...this.extraSpecials].forEach((token, id) => {
      if (this.vocab.token(id) !== token) {
        throw new Error(`WordTokenizer: expected special token ${JSON.stringify(token)} at id ${id}, found ${JSON.stringify(this.vocab.token(id))}`);
      }
      specials.set(token, id);
    });
    this.specialTokens = specials;
    this.matcher = new SpecialTokenMatcher(specials);
  }

  /**
   * Builds the vocabulary from a corpus: a string, or many strings (sentences, reviews).
   * @example WordTokenizer.fromCorpus(reviews, { minFrequency: 2, maxSize: 5000 })
   */
  static fromCorpus(corpus: string | Iterable<string>, options: WordTokenizerOptions = {}): WordTokenizer {
    const op = 'WordTokenizer.fromCorpus';
    const lowercase = options.lowercase ?? true;
    const specials = [options.pad ?? '<pad>', options.unknown ?? '<unk>', ...(options.specialTokens ?? [])];
    const minFrequency = options.minFrequency ?? 1;
    if (!Number.isInteger(minFrequency) || minFrequency < 1) throw new RangeError(`${op}: minFrequency must be a positive integer, got ${minFrequency}`);
    const maxSize = options.maxSize ?? Infinity;
    if (maxSize !== Infinity && (!Number.isInteger(maxSize) || maxSize < specials.length)) {
      throw new RangeError(`${op}: maxSize must be an integer of at least ${specials.length} (the special tokens), got ${maxSize}`);
    }
    const counts = new Map<string, number>();
    for (const text of typeof corpus === 'string' ? [corpus] : corpus) {
      for (const word of splitWords(normalizeText(text, lowercase))) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const reserved = new Set(specials);
    const words = [...counts]
      .filter(([word, count]) => count >= minFrequency && !reserved.has(word))
      .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
      .slice(0, maxSize - specials.length)
      .map(([word]) => word);
    return new WordTokenizer([...specials, ...words], options);
  }

  /**
   * Reads a tokenizer saved with `toJSON` (the object, or its JSON text).
   * @example WordTokenizer.fromJSON(fs.readFileSync('words.json', 'utf8'))
   */
  static fromJSON(json: unknown): WordTokenizer {
    const op = 'WordTokenizer.fromJSON';
    const file = checkTokenizerFile(json, 'word', op);
    const { pad, unknown, lowercase } = file;
    if (typeof pad !== 'string' || typeof unknown !== 'string') throw new Error(`${op}: fields 'pad' and 'unknown' must be strings`);
    if (typeof lowercase !== 'boolean') throw new Error(`${op}: field 'lowercase' must be a boolean`);
    return new WordTokenizer(stringArrayField(file, 'vocab', op), { pad, unknown, lowercase, specialTokens: stringArrayField(file, 'specialTokens', op) });
  }

  /** Special tokens plus words. @example tok.vocabSize */
  get vocabSize(): number {
    return this.vocab.size;
  }

  /** Always 0. @example padSequences(rows, { length: 20, padId: tok.padId }) */
  get padId(): number {
    return 0;
  }

  /** Always 1. @example tok.encode('never seen') // [1, 1] */
  get unknownId(): number {
    return 1;
  }

  /** Every token in id order. */
  get tokens(): readonly string[] {
    return this.vocab.tokens;
  }

  /**
   * The form `decode` gives back: normalised, split, and joined with single spaces.
   * @example tok.normalize('Hello,  World!') // 'hello , world !'
   */
  normalize(text: string): string {
    return splitWords(normalizeText(text, this.lowercase)).join(' ');
  }

  /**
   * Normalises, splits and looks up each word; unknown words give 1.
   * @example tok.encode('A great film!')
   */
  encode(text: string, options?: EncodeOptions): number[] {
    const ids: number[] = [];
    this.matcher.split(text, options, 'encode', (part) => {
      for (const word of splitWords(normalizeText(part, this.lowercase))) {
        // a word spelling a special token, read as ordinary text, is not that token
        const id = this.specialTokens.has(word) ? undefined : this.vocab.id(word);
        ids.push(id ?? 1);
      }
    }, (id) => ids.push(id));
    return ids;
  }

  /**
   * The tokens joined by single spaces.
   * @example tok.decode(tok.encode('Hello,  world!')) // 'hello , world !'
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const words: string[] = [];
    for (const id of ids) {
      const token = this.vocab.tokenOrThrow(id, 'decode');
      if (!(options.skipSpecialTokens && this.specialTokens.has(token))) words.push(token);
    }
    return words.join(' ');
  }

  /** @example tok.tokenToId('<pad>') // 0 */
  tokenToId(token: string): number | undefined {
    return this.vocab.id(token);
  }

  /** @example tok.idToToken(1) // '<unk>' */
  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }

  /**
   * See `encodeBatch`; pads with `<pad>` (0).
   * @example tok.encodeBatch(reviews, { length: 40 }).inputIds.shape // [reviews.length, 40]
   */
  encodeBatch(texts: readonly string[], options?: BatchEncodeOptions): BatchEncoding {
    return encodeBatch(this, texts, options);
  }

  /** @example fs.writeFileSync('words.json', JSON.stringify(tok.toJSON())) */
  toJSON(): WordTokenizerJSON {
    return {
      ...fileHeader('word'),
      vocab: [...this.vocab.tokens],
      pad: this.pad,
      unknown: this.unknown,
      specialTokens: [...this.extraSpecials],
      lowercase: this.lowercase,
    };
  }
}

import { encodeBatch, type BatchEncodeOptions, type BatchEncoding } from '../batch.js';
import { checkTokenizerFile, fileHeader, stringArrayField, type CharTokenizerJSON } from '../serialization.js';
import { SpecialTokenMatcher } from '../special-tokens.js';
import type { DecodeOptions, EncodeOptions, Tokenizer } from '../tokenizer.js';
import { compareCodePoints, describeChar } from '../unicode.js';
import { Vocabulary } from '../vocabulary.js';

/**
 * Options of `CharTokenizer.fromCorpus`.
 * @example { boundary: null } // tiny Shakespeare: no boundary token, ids are the sorted characters
 */
export interface CharTokenizerOptions {
  /**
   * The token that marks the start and end of a word, given id 0. Default '.', as in the makemore lectures.
   * Null for none. It is a special token: its text in the input follows the `EncodeOptions` policy.
   */
  boundary?: string | null;
  /** A token for characters outside the vocabulary. Default null: such characters are an error. */
  unknown?: string | null;
  /** More special tokens (such as '<pad>'), given ids after the boundary and unknown tokens. */
  specialTokens?: readonly string[];
}

/** The special tokens of a character tokenizer, in id order. */
function specialList(boundary: string | null, unknown: string | null, extra: readonly string[]): string[] {
  return [...(boundary === null ? [] : [boundary]), ...(unknown === null ? [] : [unknown]), ...extra];
}

/**
 * A character-level tokenizer: each Unicode code point is one token (a character outside the Basic
 * Multilingual Plane is one token, not two UTF-16 units). The vocabulary is the special tokens, then the
 * corpus's characters in code-point order.
 *
 * A lone surrogate (an unpaired UTF-16 unit) is a character of its own: it round-trips when the corpus
 * contained it. A character not in the vocabulary becomes the `unknown` token when one was configured, and is an
 * error otherwise.
 * @example
 * const tok = CharTokenizer.fromCorpus(['emma', 'olivia', 'ava']); // '.' = 0, then a, e, i, l, m, o, v
 * tok.encode('ava')                                   // [1, 7, 1]
 * tok.encode('.ava.', { allowedSpecial: 'all' })      // [0, 1, 7, 1, 0]
 * tok.decode([0, 1, 7, 1, 0])                         // '.ava.'
 */
export class CharTokenizer implements Tokenizer {
  /** Always 'char'. @example tok.type // 'char' */
  readonly type = 'char' as const;
  /** The boundary token ('.' by default), or null. */
  readonly boundary: string | null;
  /** The token for unknown characters, or null. */
  readonly unknown: string | null;
  /** Special tokens and their ids. @example tok.specialTokens.get('<pad>') */
  readonly specialTokens: ReadonlyMap<string, number>;
  private readonly vocab: Vocabulary;
  private readonly extraSpecials: readonly string[];
  private readonly matcher: SpecialTokenMatcher;
  private readonly unknownId: number | undefined;

  /**
   * A tokenizer over `vocab`, the tokens in id order, which must contain the special tokens named in `options`
   * (each once: the boundary, the unknown token and the other special tokens all differ). `fromCorpus` builds the
   * vocabulary for you.
   * @example new CharTokenizer(['.', 'a', 'b'], { boundary: '.' })
   */
  constructor(vocab: readonly string[], options: CharTokenizerOptions = {}) {
    this.boundary = options.boundary === undefined ? '.' : options.boundary;
    this.unknown = options.unknown ?? null;
    this.extraSpecials = [...(options.specialTokens ?? [])];
    this.vocab = new Vocabulary(vocab, 'CharTokenizer');
    const specials = new Map<string, number>();
    for (const token of specialList(this.boundary, this.unknown, this.extraSpecials)) {
      // one token in two roles would make, say, unknown characters decode as the boundary
      if (specials.has(token)) throw new Error(`CharTokenizer: special token ${JSON.stringify(token)} is named twice (the boundary, the unknown token and the specialTokens must all differ)`);
      const id = this.vocab.id(token);
      if (id === undefined) throw new Error(`CharTokenizer: special token ${JSON.stringify(token)} is not in the vocabulary`);
      specials.set(token, id);
    }
    for (const token of vocab) {
      if (!specials.has(token) && [...token].length !== 1) throw new Error(`CharTokenizer: vocabulary entry ${JSON.stringify(token)} is not one character and not a special token`);
    }
    this.specialTokens = specials;
    this.matcher = new SpecialTokenMatcher(specials);
    this.unknownId = this.unknown === null ? undefined : specials.get(this.unknown);
  }

  /**
   * Builds the vocabulary from the characters of a corpus: a string, or strings such as the lines of names.txt.
   * @example
   * const words = fs.readFileSync('names.txt', 'utf8').split('\n').filter(Boolean);
   * const tok = CharTokenizer.fromCorpus(words); // '.' = 0, 'a' = 1, ..., 'z' = 26
   */
  static fromCorpus(corpus: string | Iterable<string>, options: CharTokenizerOptions = {}): CharTokenizer {
    const boundary = options.boundary === undefined ? '.' : options.boundary;
    const specials = specialList(boundary, options.unknown ?? null, options.specialTokens ?? []);
    const chars = new Set<string>();
    for (const text of typeof corpus === 'string' ? [corpus] : corpus) {
      for (const ch of text) chars.add(ch);
    }
    for (const special of specials) {
      if (chars.has(special)) {
        throw new Error(`CharTokenizer.fromCorpus: the special token ${describeChar(special)} also occurs in the corpus as a character; choose another${special === boundary ? ' boundary (or boundary: null)' : ' token'}`);
      }
    }
    return new CharTokenizer([...specials, ...[...chars].sort(compareCodePoints)], options);
  }

  /**
   * Reads a tokenizer saved with `toJSON` (the object, or its JSON text).
   * @example CharTokenizer.fromJSON(JSON.parse(fs.readFileSync('chars.json', 'utf8')))
   */
  static fromJSON(json: unknown): CharTokenizer {
    const op = 'CharTokenizer.fromJSON';
    const file = checkTokenizerFile(json, 'char', op);
    const optionalString = (name: string): string | null => {
      const v = file[name];
      if (v !== null && typeof v !== 'string') throw new Error(`${op}: field '${name}' must be a string or null`);
      return v;
    };
    return new CharTokenizer(stringArrayField(file, 'vocab', op), {
      boundary: optionalString('boundary'),
      unknown: optionalString('unknown'),
      specialTokens: stringArrayField(file, 'specialTokens', op),
    });
  }

  /** Special tokens plus characters. @example CharTokenizer.fromCorpus(names).vocabSize // 27 */
  get vocabSize(): number {
    return this.vocab.size;
  }

  /** The boundary token's id (0 when there is one), or undefined. */
  get boundaryId(): number | undefined {
    return this.boundary === null ? undefined : this.specialTokens.get(this.boundary);
  }

  /** The id of '<pad>' when it is one of the special tokens. @example tok.padId // undefined for makemore's 27 */
  get padId(): number | undefined {
    return this.specialTokens.get('<pad>');
  }

  /** Every token in id order. */
  get tokens(): readonly string[] {
    return this.vocab.tokens;
  }

  /**
   * One id per code point; special-token text follows `options` (rejected by default).
   * @example tok.encode('emma') // [5, 13, 13, 1]
   */
  encode(text: string, options?: EncodeOptions): number[] {
    const ids: number[] = [];
    this.matcher.split(text, options, 'encode', (part, offset) => {
      let at = offset;
      for (const ch of part) {
        // a one-character special token read as ordinary text (disallowedSpecial: []) has no character id
        const id = (this.specialTokens.has(ch) ? undefined : this.vocab.id(ch)) ?? this.unknownId;
        if (id === undefined) {
          throw new Error(`encode: character ${describeChar(ch)} at position ${at} is not in the vocabulary, and this tokenizer has no unknown token (build it with { unknown: '<unk>' } to map such characters to one)`);
        }
        ids.push(id);
        at += ch.length;
      }
    }, (id) => ids.push(id));
    return ids;
  }

  /**
   * The tokens of `ids` joined without separators.
   * @example tok.decode([0, 5, 13, 13, 1, 0]) // '.emma.'
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    let text = '';
    for (const id of ids) {
      const token = this.vocab.tokenOrThrow(id, 'decode');
      if (options.skipSpecialTokens && this.specialTokens.has(token)) continue;
      text += token;
    }
    return text;
  }

  /** @example tok.tokenToId('a') // 1 */
  tokenToId(token: string): number | undefined {
    return this.vocab.id(token);
  }

  /** @example tok.idToToken(26) // 'z' */
  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }

  /**
   * See `encodeBatch`.
   * @example tok.encodeBatch(['emma', 'ava'], { padId: 0 }).inputIds.shape // [2, 4]
   */
  encodeBatch(texts: readonly string[], options?: BatchEncodeOptions): BatchEncoding {
    return encodeBatch(this, texts, options);
  }

  /** @example fs.writeFileSync('chars.json', JSON.stringify(tok.toJSON())) */
  toJSON(): CharTokenizerJSON {
    return { ...fileHeader('char'), vocab: [...this.vocab.tokens], boundary: this.boundary, unknown: this.unknown, specialTokens: [...this.extraSpecials] };
  }
}

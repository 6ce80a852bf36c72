import { encodeBatch, type BatchEncodeOptions, type BatchEncoding } from '../batch.js';
import { fileHeader, type BpeTokenizerJSON } from '../serialization.js';
import { SpecialTokenMatcher } from '../special-tokens.js';
import type { DecodeOptions, EncodeOptions, Tokenizer } from '../tokenizer.js';
import { readBpeFile } from './bpe-file.js';
import { bytesIndex, modelFromMerges, modelFromRanks, type BpeModel } from './bpe-model.js';
import { distinctTokens, flattenPairs, resolveVocabSize, specialTokenTable } from './bpe-settings.js';
import { ChunkEncoder } from './chunk-encoder.js';
import { IdBuffer } from './id-buffer.js';
import { learnMerges } from './learn-merges.js';
import { trainingChunks } from './training-chunks.js';
import type { BpeSettings, BpeTrainOptions, TiktokenOptions } from './bpe-options.js';
import { checkVocabSize } from './limits.js';
import { compilePattern, patternSource, type FromJSONOptions, type SplitPattern } from './patterns.js';
import { StreamDecoder } from './stream-decoder.js';
import { tiktokenFileText, tiktokenRanks, type TiktokenRankSource } from './tiktoken-ranks.js';
import { latin1Key, utf8Bytes, utf8Decoder } from './utf8.js';

/**
 * A byte-level BPE tokenizer, as GPT-2 and later GPT models use: text is cut into chunks by a regex, each chunk's
 * UTF-8 bytes are merged into tokens. Any string can be encoded, since every byte is a token (nothing becomes
 * `<unk>`); a lone surrogate cannot be written in UTF-8 and is encoded as U+FFFD, so it decodes as U+FFFD.
 * `decode` reads the bytes back with a non-fatal UTF-8 decoder: ids that stop inside a multi-byte character
 * give U+FFFD, as tiktoken does; `createStreamDecoder` yields only whole characters.
 *
 * Train one with `BpeTokenizer.train`, or load OpenAI's encodings with `openaiEncoding`.
 * @example
 * const tok = BpeTokenizer.train(text, { vocabSize: 512, specialTokens: ['<|endoftext|>'] });
 * const ids = tok.encode('hello world<|endoftext|>', { allowedSpecial: 'all' });
 * tok.decode(ids) // 'hello world<|endoftext|>'
 */
export class BpeTokenizer implements Tokenizer {
  /** Always 'bpe'. @example tok.type // 'bpe' */
  readonly type = 'bpe' as const;
  /** A name such as 'cl100k_base', or null for a trained tokenizer. */
  readonly name: string | null;
  /** The pre-tokenisation regex source, or null for none. */
  readonly pattern: string | null;
  /** Special tokens and their ids. @example enc.specialTokens.get('<|endoftext|>') // 100257 with cl100k_base */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** One more than the largest id (100277 for cl100k_base, which leaves some ids unused). @example enc.vocabSize */
  readonly vocabSize: number;
  private readonly model: BpeModel;
  private readonly specialBytes: ReadonlyMap<number, Uint8Array>;
  private readonly matcher: SpecialTokenMatcher;
  private readonly encoder: ChunkEncoder;
  private readonly decoder = utf8Decoder();
  private readonly ids = new IdBuffer();
  private index: Map<string, number> | null = null;

  /**
   * @internal Use `train`, `fromMerges`, `fromTiktoken`, `fromJSON` or `openaiEncoding`.
   */
  constructor(model: BpeModel, settings: BpeSettings, op: string) {
    this.model = model;
    this.name = settings.name;
    this.pattern = settings.pattern;
    const specials = specialTokenTable(settings.specialTokens, model, op);
    this.specialTokens = specials.ids;
    this.specialBytes = specials.bytes;
    this.vocabSize = resolveVocabSize(specials.largest, settings.vocabSize, op);
    this.matcher = new SpecialTokenMatcher(this.specialTokens);
    if (settings.pattern !== null) compilePattern(settings.pattern, op); // a clear error for a bad pattern
    this.encoder = new ChunkEncoder(model, settings.pattern);
  }

  /**
   * Learns merges from text (a string or several documents) until the vocabulary has `vocabSize` entries, with
   * minbpe's rule: the most frequent pair, ties going to the pair that occurs first. `vocabSize` is an integer
   * from 256 + the special tokens to `MAX_VOCAB_SIZE` (2^31 − 1, so ids fit int32 tensors). A pair whose token
   * would exceed `MAX_TOKEN_BYTES` is never merged, so the result always loads again with `fromJSON`.
   * A `pattern` given as a regex source is your own code and is compiled as given: keep it free of nested
   * quantifiers such as `(a+)+`, which take exponential time on some texts.
   * @example const tok = BpeTokenizer.train(fs.readFileSync('input.txt', 'utf8'), { vocabSize: 1024 });
   */
  static train(text: string | Iterable<string>, options: BpeTrainOptions): BpeTokenizer {
    const op = 'BpeTokenizer.train';
    const specials = distinctTokens(options.specialTokens ?? [], op);
    const numMerges = options.vocabSize - 256 - specials.length;
    if (!Number.isInteger(options.vocabSize) || numMerges < 0) {
      throw new RangeError(`${op}: vocabSize must be an integer of at least ${256 + specials.length} (256 bytes + ${specials.length} special tokens), got ${options.vocabSize}`);
    }
    checkVocabSize(options.vocabSize, op, 'vocabSize', 256 + specials.length);
    const source = patternSource(options.pattern ?? 'gpt4');
    const pattern = source === null ? null : compilePattern(source, op);
    const { merges } = learnMerges(trainingChunks(typeof text === 'string' ? [text] : text, pattern, specials), numMerges);
    const firstSpecial = 256 + merges.length / 2;
    return new BpeTokenizer(modelFromMerges(merges, op), {
      name: null,
      pattern: source,
      specialTokens: Object.fromEntries(specials.map((t, i) => [t, firstSpecial + i])),
    }, op);
  }

  /**
   * A tokenizer from merges learned elsewhere (pairs of ids; merge i makes id 256 + i), such as minbpe's. Each
   * merge must join two ids made before it into a token of at most `MAX_TOKEN_BYTES`; the check comes before
   * the token is built. A `pattern` source is compiled as given (it is your code; see `train`).
   * @example BpeTokenizer.fromMerges([[104, 105]], { pattern: 'none' }).encode('hi') // [256]
   */
  static fromMerges(merges: readonly (readonly [number, number])[], options: { pattern?: SplitPattern; specialTokens?: Record<string, number> } = {}): BpeTokenizer {
    const op = 'BpeTokenizer.fromMerges';
    return new BpeTokenizer(modelFromMerges(flattenPairs(merges, op), op), {
      name: null,
      pattern: patternSource(options.pattern ?? 'gpt4'),
      specialTokens: options.specialTokens ?? {},
    }, op);
  }

  /**
   * A tokenizer from a tiktoken rank table: a js-tiktoken rank object or `.tiktoken` file contents.
   * For OpenAI's own encodings use `openaiEncoding`, which knows their patterns and special tokens. Ranks and
   * special-token ids are integers from 0 to 2^31 − 2, tokens at most `MAX_TOKEN_BYTES` long, and `vocabSize`
   * at least the largest id + 1 and at most `MAX_VOCAB_SIZE`. A `pattern` source is compiled as given (it is
   * your code; see `train`).
   * @example BpeTokenizer.fromTiktoken(fs.readFileSync('my.tiktoken', 'utf8'), { pattern: 'gpt4' })
   */
  static fromTiktoken(source: TiktokenRankSource, options: TiktokenOptions): BpeTokenizer {
    const op = 'BpeTokenizer.fromTiktoken';
    return new BpeTokenizer(modelFromRanks(tiktokenRanks(source, op), op), {
      name: options.name ?? null,
      pattern: patternSource(options.pattern),
      specialTokens: options.specialTokens ?? {},
      vocabSize: options.vocabSize,
    }, op);
  }

  /**
   * Reads a tokenizer saved with `toJSON` (the object, or its JSON text). Every field is checked, and loading does
   * work in proportion to the file: merges must fit the declared `vocabSize`, tokens are at most `MAX_TOKEN_BYTES`
   * long, ids and the vocabulary size fit in int32. The pre-tokenisation pattern must be one of the known ones
   * (GPT-2's, GPT-4's / cl100k's, o200k's, or none), since a regex from a file can take exponential time on some
   * texts (ReDoS); pass `{ allowCustomPattern: true }` to compile another, for a file you trust.
   * @example BpeTokenizer.fromJSON(fs.readFileSync('bpe.json', 'utf8'))
   * @example BpeTokenizer.fromJSON(myOwnFile, { allowCustomPattern: true }) // a file with a regex you wrote
   */
  static fromJSON(json: unknown, options: FromJSONOptions = {}): BpeTokenizer {
    const op = 'BpeTokenizer.fromJSON';
    const { model, settings } = readBpeFile(json, options, op);
    return new BpeTokenizer(model, settings, op);
  }

  /** The id of '<pad>' when it is a special token. @example openaiEncoding('cl100k_base', ranks).padId // undefined */
  get padId(): number | undefined {
    return this.specialTokens.get('<pad>');
  }

  /** The learned merges as id pairs (merge i makes id 256 + i); empty for a tokenizer loaded from ranks. */
  get merges(): [number, number][] {
    const m = this.model.merges;
    const out: [number, number][] = [];
    for (let i = 0; i < m.length; i += 2) out.push([m[i], m[i + 1]]);
    return out;
  }

  /**
   * Text to ids; special-token text follows `options` (rejected by default).
   * @example enc.encode('hello world') // [15339, 1917] with cl100k_base
   */
  encode(text: string, options?: EncodeOptions): number[] {
    const ids = this.ids;
    ids.length = 0;
    // UTF-8 cannot hold a lone surrogate; U+FFFD stands in for it, as tiktoken does
    const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
    this.matcher.split(wellFormed, options, 'encode', (part) => this.encoder.encode(part, ids), (id) => ids.push(id));
    return ids.toArray();
  }

  /**
   * Encodes text that holds no special tokens, ignoring special-token text (it is encoded as ordinary text).
   * @example tok.encodeOrdinary('<|endoftext|>').length > 1 // spelled out
   */
  encodeOrdinary(text: string): number[] {
    const ids = this.ids;
    ids.length = 0;
    this.encoder.encode(text.isWellFormed() ? text : text.toWellFormed(), ids);
    return ids.toArray();
  }

  /**
   * Ids to text; bytes that do not form whole characters become U+FFFD.
   * @example enc.decode([15339, 1917]) // 'hello world'
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    return this.decoder.decode(this.decodeBytes(ids, options));
  }

  /**
   * The bytes of a sequence of ids, concatenated (special tokens as their UTF-8 text).
   * @example tok.decodeBytes(tok.encode('é')) // Uint8Array [0xc3, 0xa9]
   */
  decodeBytes(ids: readonly number[], options: DecodeOptions = {}): Uint8Array {
    const parts: Uint8Array[] = [];
    let length = 0;
    for (const id of ids) {
      const special = this.specialBytes.get(id);
      if (special !== undefined && options.skipSpecialTokens) continue;
      const bytes = special ?? this.bytesOf(id, 'decode');
      parts.push(bytes);
      length += bytes.length;
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const bytes of parts) {
      out.set(bytes, at);
      at += bytes.length;
    }
    return out;
  }

  /**
   * A decoder for ids that arrive one at a time (as a model generates them): `push` returns the text completed so
   * far, holding back the bytes of a character that is not finished; `flush` ends the stream (an unfinished
   * character becomes U+FFFD). Everything it yields, joined, equals `decode` of all the ids.
   * @example
   * const stream = tok.createStreamDecoder();
   * for (const id of ids) process.stdout.write(stream.push(id));
   * process.stdout.write(stream.flush());
   */
  createStreamDecoder(options: DecodeOptions = {}): StreamDecoder {
    return new StreamDecoder((id) => {
      const special = this.specialBytes.get(id);
      if (special !== undefined) return options.skipSpecialTokens ? new Uint8Array(0) : special;
      return this.bytesOf(id, 'push');
    });
  }

  /**
   * The id of a token given as text: a special token, or a string whose UTF-8 bytes are one token.
   * @example tok.tokenToId(' the')
   */
  tokenToId(token: string): number | undefined {
    return this.specialTokens.get(token) ?? this.bytesToId(utf8Bytes(token));
  }

  /**
   * The id of the token with exactly these bytes, or undefined.
   * @example tok.bytesToId(Uint8Array.of(0xe2, 0x82)) // part of '€'
   */
  bytesToId(bytes: Uint8Array): number | undefined {
    this.index ??= bytesIndex(this.model);
    return this.index.get(latin1Key(bytes));
  }

  /**
   * The text of a token: special tokens as written, others as their bytes read as UTF-8 (a token holding part of
   * a character shows U+FFFD; use `idToBytes` for the exact bytes).
   * @example tok.idToToken(tok.tokenToId(' the')!) // ' the'
   */
  idToToken(id: number): string | undefined {
    for (const [token, special] of this.specialTokens) if (special === id) return token;
    const bytes = this.model.tokenBytes[id];
    return bytes === undefined ? undefined : this.decoder.decode(bytes);
  }

  /**
   * The exact bytes of a token, or undefined.
   * @example tok.idToBytes(tok.encode('€')[0])
   */
  idToBytes(id: number): Uint8Array | undefined {
    const bytes = this.specialBytes.get(id) ?? this.model.tokenBytes[id];
    return bytes === undefined ? undefined : bytes.slice();
  }

  /**
   * See `encodeBatch`; needs `padId` unless '<pad>' is a special token.
   * @example enc.encodeBatch(docs, { maxLength: 1024, padId: 100257 })
   */
  encodeBatch(texts: readonly string[], options?: BatchEncodeOptions): BatchEncoding {
    return encodeBatch(this, texts, options);
  }

  /**
   * Merges for a trained tokenizer, the rank table for a loaded one.
   * @example fs.writeFileSync('bpe.json', JSON.stringify(tok.toJSON()))
   */
  toJSON(): BpeTokenizerJSON {
    const body = this.model.kind === 'merges'
      ? { merges: [...this.model.merges] }
      : { ranks: tiktokenFileText(this.model.tokenBytes, this.model.ids), vocabSize: this.vocabSize };
    return {
      ...fileHeader('bpe'),
      name: this.name,
      pattern: this.pattern,
      specialTokens: Object.fromEntries(this.specialTokens),
      ...body,
    };
  }

  private bytesOf(id: number, op: string): Uint8Array {
    const bytes = this.model.tokenBytes[id];
    if (bytes === undefined) {
      const what = this.name === null ? 'this tokenizer' : this.name;
      throw new RangeError(`${op}: id ${id} is not in the vocabulary of ${what} (ids 0..${this.vocabSize - 1}${Number.isInteger(id) && id >= 0 && id < this.vocabSize ? '; this one is unused' : ''})`);
    }
    return bytes;
  }
}

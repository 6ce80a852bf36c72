import { describeValue, isTokenId, MAX_TOKEN_BYTES, TOKEN_ID_RANGE } from './limits.js';

/**
 * Token byte strings with their ranks, packed in one buffer: token i is `bytes[offsets[i] .. offsets[i + 1])`
 * with rank `ranks[i]`. Parsing straight into this form (rather than into one string or array per token) keeps
 * loading a 200,000-token encoding fast.
 */
export interface RankTable {
  bytes: Uint8Array;
  offsets: Int32Array;
  ranks: Int32Array;
  count: number;
}

const BASE64 = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  BASE64[c.charCodeAt(0)] = i;
});

/** Where a token came from, for error messages: 'line 3 of the .tiktoken data', '(token, rank) pair 7'. */
type Place = (index: number) => string;

/**
 * A rank as written in rank data: decimal digits only, with white space around them allowed (a CRLF file leaves
 * '\r' at the end of each line). Anything else (a sign, a fraction, an exponent, hex, an empty field) gives NaN.
 * @example parseRank('42\r') // 42
 */
export function parseRank(text: string): number {
  const digits = text.trim();
  return /^[0-9]+$/.test(digits) ? Number(digits) : NaN;
}

/** Collects tokens into a growing `RankTable`, checking each token's rank and length as it comes. */
class RankTableBuilder {
  bytes: Uint8Array;
  offsets: Int32Array;
  ranks: Int32Array;
  count = 0;
  size = 0;

  constructor(byteCapacity: number, tokenCapacity: number, private readonly op: string, private readonly place: Place) {
    this.bytes = new Uint8Array(Math.max(16, byteCapacity));
    this.offsets = new Int32Array(Math.max(2, tokenCapacity + 1));
    this.ranks = new Int32Array(Math.max(1, tokenCapacity));
  }

  private reserve(bytes: number): void {
    if (this.count + 1 >= this.offsets.length) {
      const offsets = new Int32Array(this.offsets.length * 2); offsets.set(this.offsets); this.offsets = offsets;
      const ranks = new Int32Array(this.ranks.length * 2); ranks.set(this.ranks); this.ranks = ranks;
    }
    if (this.size + bytes > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.size + bytes)); grown.set(this.bytes); this.bytes = grown;
    }
  }

  /** Adds the token written in base64 at `text[start..end)`, found at `at` (a line or pair number). */
  addBase64(text: string, start: number, end: number, rank: number, at: number): void {
    this.checkRank(rank, at);
    let data = end;
    while (data > start && text.charCodeAt(data - 1) === 61) data--;
    this.checkLength(((data - start) * 6) >> 3, at); // the decoded length, known before decoding
    this.reserve(((end - start) * 3) >> 2);
    let bits = 0;
    let value = 0;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 61) break; // '=' padding ends the data
      const d = c < 128 ? BASE64[c] : -1;
      if (d < 0) this.badBase64(text, start, end, rank, at);
      value = (value << 6) | d;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        this.bytes[this.size++] = (value >> bits) & 0xff;
      }
    }
    // after the padding only more padding may follow; anything else would be silently dropped
    for (; i < end; i++) if (text.charCodeAt(i) !== 61) this.badBase64(text, start, end, rank, at);
    this.finish(rank, at);
  }

  /** Adds a token given as a latin1 string (one character per byte). */
  addLatin1(key: string, rank: number, at: number): void {
    this.checkRank(rank, at);
    this.checkLength(key.length, at);
    this.reserve(key.length);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c > 255) throw new Error(`${this.op}: token at rank ${rank} is not a latin1 byte string (character U+${c.toString(16)}), ${this.place(at)}`);
      this.bytes[this.size++] = c;
    }
    this.finish(rank, at);
  }

  /** Ranks are ids, stored as int32: a larger one would wrap (2^32 + 256 would become 256). */
  private checkRank(rank: number, at: number): void {
    if (!isTokenId(rank)) throw new RangeError(`${this.op}: ${this.place(at)} has rank ${describeValue(rank)}; a rank must be ${TOKEN_ID_RANGE}`);
  }

  private checkLength(bytes: number, at: number): void {
    if (bytes > MAX_TOKEN_BYTES) throw new RangeError(`${this.op}: the token on ${this.place(at)} is ${bytes} bytes long; tokens may be at most ${MAX_TOKEN_BYTES} bytes`);
  }

  private badBase64(text: string, start: number, end: number, rank: number, at: number): never {
    throw new Error(`${this.op}: invalid base64 token '${text.slice(start, Math.min(end, start + 40))}' at rank ${rank} (${this.place(at)})`);
  }

  private finish(rank: number, at: number): void {
    if (this.size === this.offsets[this.count]) throw new Error(`${this.op}: empty token at rank ${rank} (${this.place(at)})`);
    this.ranks[this.count++] = rank;
    this.offsets[this.count] = this.size;
  }

  table(): RankTable {
    return { bytes: this.bytes, offsets: this.offsets, ranks: this.ranks, count: this.count };
  }
}

/**
 * Parses `.tiktoken` text: one `<base64 token> <rank>` a line. Ranks are decimal integers from 0 to 2^31 − 2;
 * tokens are at most `MAX_TOKEN_BYTES` long. Errors name the line.
 * @example parseTiktokenFile('IQ== 0\nIg== 1\n').count // 2
 */
export function parseTiktokenFile(text: string, op: string): RankTable {
  const builder = new RankTableBuilder(text.length, text.length >> 3, op, (n) => `line ${n} of the .tiktoken data`);
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    if (line.trim() !== '') {
      const space = line.indexOf(' ');
      const rank = space < 0 ? NaN : parseRank(line.slice(space + 1));
      if (Number.isNaN(rank)) throw new Error(`${op}: line ${lineNo} of the .tiktoken data is not '<base64 token> <rank>': '${line.slice(0, 60)}'`);
      builder.addBase64(text, start, start + space, rank, lineNo);
    }
    start = end + 1;
  }
  return builder.table();
}

/**
 * Parses js-tiktoken's compact `bpe_ranks`: lines of `! <first rank> <base64> <base64> ...`, consecutive ranks.
 * @example parseJsTiktokenRanks('! 0 IQ== Ig==').count // 2
 */
export function parseJsTiktokenRanks(text: string, op: string): RankTable {
  const builder = new RankTableBuilder(text.length, text.length >> 3, op, (n) => `bpe_ranks line ${n}`);
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const first = text.indexOf(' ', start);
    const second = first < 0 || first >= end ? -1 : text.indexOf(' ', first + 1);
    const offsetEnd = second < 0 || second > end ? end : second;
    const offset = first < 0 || first >= end ? NaN : parseRank(text.slice(first + 1, offsetEnd));
    if (end > start && Number.isNaN(offset)) throw new Error(`${op}: bpe_ranks line '${text.slice(start, Math.min(end, start + 60))}' does not start with '! <rank>'`);
    let rank = offset;
    let at = offsetEnd + 1;
    while (at < end) {
      let next = text.indexOf(' ', at);
      if (next < 0 || next > end) next = end;
      if (next > at) builder.addBase64(text, at, next, rank++, lineNo);
      at = next + 1;
    }
    start = end + 1;
  }
  return builder.table();
}

/**
 * Packs (latin1 token, rank) pairs.
 * @example rankTableFromPairs([['a', 0], ['b', 1]]).count // 2
 */
export function rankTableFromPairs(pairs: Iterable<readonly [string, number]>, op: string): RankTable {
  const builder = new RankTableBuilder(1 << 16, 1 << 12, op, (n) => `(token, rank) pair ${n}`);
  let index = 0;
  for (const [key, rank] of pairs) builder.addLatin1(key, rank, index++);
  return builder.table();
}

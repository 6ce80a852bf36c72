import { bytePairMerge, MergeScratch } from './byte-pair-merge.js';
import { ChunkTable, hashRange } from './chunk-table.js';
import type { IdBuffer } from './id-buffer.js';
import type { PairTable } from './pair-table.js';
import { utf8Into } from './utf8.js';

/** The tables encoding needs: how bytes start, which pairs merge, and (for tiktoken) whole-token shortcuts. */
export interface MergeModel {
  /** The id of each single byte. */
  byteToId: Int32Array;
  /** (left, right) → merged id; a lower id merges first. */
  pairs: PairTable;
  /**
   * Chunks that are one token, by text. tiktoken looks a whole chunk up before merging, which can give a
   * token that merging would not reach; learned merges (minbpe) have no such shortcut and pass null.
   */
  wholeTokens: ReadonlyMap<string, number> | null;
}

/** Chunks remembered before the cache starts again, to bound memory on endless varied input. */
const CACHE_LIMIT = 200_000;
/** Longer chunks are not remembered: they rarely repeat. */
const CACHE_MAX_CHUNK = 128;

/**
 * Encodes ordinary text (no special tokens, no lone surrogates) to ids: cuts it into chunks with the
 * pre-tokenisation regex, then looks each chunk up among whole tokens and chunks seen before, and merges the
 * bytes of the rest.
 *
 * The chunking runs the regex in sticky mode with `test`, which gives each chunk's end without building a match
 * object or a substring; a pattern that covers every character (as GPT's do) matches at every position, so this
 * finds the same chunks as `exec` in global mode, which is used to skip ahead where a custom pattern matches nothing.
 * @example new ChunkEncoder(model, String.raw`\S+|\s+`).encode('hi there', out)
 */
export class ChunkEncoder {
  private table = new ChunkTable();
  private cachedChunks = 0;
  private readonly scratch = new MergeScratch();
  private symbols = new Int32Array(1024);
  private readonly sticky: RegExp | null;
  private readonly global: RegExp | null;

  constructor(private readonly model: MergeModel, pattern: string | null) {
    this.sticky = pattern === null ? null : new RegExp(pattern, 'uy');
    this.global = pattern === null ? null : new RegExp(pattern, 'gu');
    this.reset();
  }

  /** Starts the table again from the whole tokens alone. */
  private reset(): void {
    const whole = this.model.wholeTokens;
    this.table = new ChunkTable((whole?.size ?? 0) + 1024);
    if (whole !== null) for (const [text, id] of whole) this.table.insert(text, 0, text.length, hashRange(text, 0, text.length), [id]);
    this.cachedChunks = 0;
  }

  /** Appends the ids of `text` to `out`. */
  encode(text: string, out: IdBuffer): void {
    const sticky = this.sticky;
    const n = text.length;
    if (sticky === null) {
      if (n > 0) this.encodeChunk(text, 0, n, out);
      return;
    }
    let pos = 0;
    while (pos < n) {
      let start = pos;
      let end: number;
      sticky.lastIndex = pos;
      if (sticky.test(text)) {
        end = sticky.lastIndex;
      } else {
        const global = this.global!;
        global.lastIndex = pos;
        const m = global.exec(text);
        if (m === null) return;
        start = m.index;
        end = start + m[0].length;
      }
      if (end === start) {
        // an empty match: step over one character, as a global regex does
        const c = text.charCodeAt(start);
        pos = start + (c >= 0xd800 && c <= 0xdbff && start + 1 < n ? 2 : 1);
        continue;
      }
      pos = end;
      this.encodeChunk(text, start, end, out);
    }
  }

  /** Appends the ids of the chunk `text[start..end)`: known already, or merged from its bytes. */
  private encodeChunk(text: string, start: number, end: number, out: IdBuffer): void {
    const table = this.table;
    const hash = hashRange(text, start, end);
    const slot = table.find(text, start, end, hash);
    if (slot >= 0) table.appendIds(slot, out);
    else this.mergeChunk(text, start, end, out, hash);
  }

  /** Merges the bytes of `text[start..end)`, appends the ids and remembers them. */
  private mergeChunk(text: string, start: number, end: number, out: IdBuffer, hash: number): void {
    if (this.symbols.length < (end - start) * 3) this.symbols = new Int32Array((end - start) * 3);
    const ids = this.symbols;
    const n = utf8Into(text, start, end, ids);
    const byteToId = this.model.byteToId;
    for (let i = 0; i < n; i++) ids[i] = byteToId[ids[i]];
    const m = bytePairMerge(ids, n, this.model.pairs, this.scratch);
    out.reserve(m);
    out.data.set(ids.subarray(0, m), out.length);
    out.length += m;
    if (end - start > CACHE_MAX_CHUNK) return;
    if (this.cachedChunks >= CACHE_LIMIT) this.reset();
    this.table.insert(text, start, end, hash, ids.subarray(0, m));
    this.cachedChunks++;
  }
}

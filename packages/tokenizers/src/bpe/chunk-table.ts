import { IdBuffer } from './id-buffer.js';

/**
 * Hashes `text[start..end)` by its UTF-16 units (FNV-1a). Encoding hashes each chunk in place, without cutting
 * it out of the text as a new string.
 */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Chunk text → ids, for the encoder's hot loop: whole tokens (tiktoken's shortcut) and chunks already encoded.
 * Keys are looked up by a range of the input text and compared unit by unit, so a lookup allocates nothing;
 * a `Map<string, ...>` would need every chunk as a new string and hash it again.
 * @example
 * const table = new ChunkTable();
 * table.insert('hello', 0, 5, hashRange('hello', 0, 5), [15339]);
 * table.find('say hello', 4, 9, hashRange('say hello', 4, 9)) // slot; table.idsAt(slot) → [15339]
 */
export class ChunkTable {
  private hashes: Int32Array;
  private keyStart: Int32Array;
  private keyLength: Int32Array;
  /** ≥ 0: the one id; < 0: -(offset + 1) of `[count, ...ids]` in `idPool`. */
  private values: Int32Array;
  private keyPool: Uint16Array;
  private idPool: Int32Array;
  private keyUsed = 0;
  private idUsed = 0;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyLength = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.keyPool = new Uint16Array(expected * 8);
    this.idPool = new Int32Array(1024);
  }

  /** How many keys are stored. */
  get size(): number {
    return this.count;
  }

  /** The slot holding `text[start..end)` (whose hash is `hash`), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const n = end - start;
    const { hashes, keyLength, keyStart, keyPool, mask } = this;
    for (let slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const len = keyLength[slot];
      if (len === -1) return -1;
      if (len !== n || hashes[slot] !== hash) continue;
      const k = keyStart[slot];
      let i = 0;
      while (i < n && keyPool[k + i] === text.charCodeAt(start + i)) i++;
      if (i === n) return slot;
    }
  }

  /** The single id at `slot`, or -1 when the slot holds several. */
  singleId(slot: number): number {
    const v = this.values[slot];
    return v >= 0 ? v : -1;
  }

  /** Appends the ids at `slot` to `out`. */
  appendIds(slot: number, out: IdBuffer): void {
    const v = this.values[slot];
    if (v >= 0) {
      out.push(v);
      return;
    }
    const at = -v - 1;
    const pool = this.idPool;
    const count = pool[at];
    out.reserve(count);
    out.data.set(pool.subarray(at + 1, at + 1 + count), out.length);
    out.length += count;
  }

  /** The ids at `slot`, as an array (for tests and inspection). */
  idsAt(slot: number): number[] {
    const out = new IdBuffer();
    this.appendIds(slot, out);
    return out.toArray();
  }

  /** Stores `text[start..end)` → `ids` (the key must not be present yet). */
  insert(text: string, start: number, end: number, hash: number, ids: ArrayLike<number>): void {
    if ((this.count + 1) * 2 > this.hashes.length) this.grow();
    const n = end - start;
    if (this.keyUsed + n > this.keyPool.length) {
      const pool = new Uint16Array(Math.max(this.keyPool.length * 2, this.keyUsed + n));
      pool.set(this.keyPool);
      this.keyPool = pool;
    }
    const k = this.keyUsed;
    for (let i = 0; i < n; i++) this.keyPool[k + i] = text.charCodeAt(start + i);
    this.keyUsed += n;
    let value: number;
    if (ids.length === 1) {
      value = ids[0];
    } else {
      if (this.idUsed + ids.length + 1 > this.idPool.length) {
        const pool = new Int32Array(Math.max(this.idPool.length * 2, this.idUsed + ids.length + 1));
        pool.set(this.idPool);
        this.idPool = pool;
      }
      value = -(this.idUsed + 1);
      this.idPool[this.idUsed++] = ids.length;
      for (let i = 0; i < ids.length; i++) this.idPool[this.idUsed++] = ids[i];
    }
    this.place(hash, k, n, value);
  }

  private place(hash: number, keyStart: number, length: number, value: number): void {
    let slot = (hash ^ (hash >>> 16)) & this.mask;
    while (this.keyLength[slot] !== -1) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.keyStart[slot] = keyStart;
    this.keyLength[slot] = length;
    this.values[slot] = value;
    this.count++;
  }

  private grow(): void {
    const { hashes, keyStart, keyLength, values } = this;
    const capacity = hashes.length * 2;
    this.hashes = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyLength = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < hashes.length; i++) if (keyLength[i] !== -1) this.place(hashes[i], keyStart[i], keyLength[i], values[i]);
  }
}

import type { RankTable } from './rank-table.js';

/** The multiplier of the polynomial hash; odd, so multiplying is invertible mod 2^32. */
export const HASH_BASE = 0x01000193;

/**
 * Extends the hash of a byte string by one byte at its end: `hash(s + b) = hash(s) * HASH_BASE + b + 1`
 * (the +1 keeps leading zero bytes from hashing like nothing).
 */
export function hashAppend(hash: number, byte: number): number {
  return (Math.imul(hash, HASH_BASE) + byte + 1) | 0;
}

/**
 * Finds a token's rank from its bytes by a hash of the bytes, checked byte by byte on a match. With one entry
 * per token (not per trie node) the table stays small enough for the cache while loading an encoding looks up
 * every prefix and every suffix of every token. Hashes of prefixes grow with `hashAppend`; hashes of suffixes
 * grow from the right with `hashPrepend`.
 * @example
 * const index = new ByteStringIndex(table);
 * index.find(table.bytes, 0, 1, hashAppend(0, table.bytes[0])) // the rank of the first token's first byte, or -1
 */
export class ByteStringIndex {
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  constructor(private readonly table: RankTable, op: string) {
    let capacity = 16;
    while (capacity < table.count * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    const { bytes, offsets, ranks } = table;
    for (let t = 0; t < table.count; t++) {
      let h = 0;
      for (let i = offsets[t]; i < offsets[t + 1]; i++) h = hashAppend(h, bytes[i]);
      const found = this.find(bytes, offsets[t], offsets[t + 1], h);
      if (found >= 0) throw new Error(`${op}: the same token has ranks ${found} and ${ranks[t]}`);
      let slot = h & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = t;
      this.hashes[slot] = h;
    }
  }

  /** The hash of `bytes[start..end)` given the hash of `bytes[start+1..end)` and that suffix's length. */
  static hashPrepend(suffixHash: number, byte: number, power: number): number {
    return (suffixHash + Math.imul(byte + 1, power)) | 0;
  }

  /** The rank of the token with bytes `bytes[start..end)` whose hash is `hash`, or -1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, hashes, mask } = this;
    const { bytes: pool, offsets, ranks } = this.table;
    const n = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const t = slots[slot];
      if (t === -1) return -1;
      if (hashes[slot] !== hash || offsets[t + 1] - offsets[t] !== n) continue;
      const o = offsets[t];
      let i = 0;
      while (i < n && pool[o + i] === bytes[start + i]) i++;
      if (i === n) return ranks[t];
    }
  }
}

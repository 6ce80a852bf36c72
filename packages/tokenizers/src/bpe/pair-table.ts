/**
 * A hash map from a pair of token ids to the id they merge into, with open addressing over typed arrays.
 * Encoding looks a pair up at every step of every chunk, so this avoids building string keys and the
 * boxed-number keys a `Map` would need for two ids packed into one number.
 * @example
 * const t = new PairTable();
 * t.set(104, 105, 256);
 * t.get(104, 105) // 256
 * t.get(105, 104) // -1
 */
export class PairTable {
  private left: Int32Array;
  private right: Int32Array;
  private value: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.left = new Int32Array(capacity).fill(-1);
    this.right = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** How many pairs are stored. */
  get size(): number {
    return this.count;
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
  }

  /** The id `a` and `b` merge into, or -1. */
  get(a: number, b: number): number {
    const left = this.left;
    let i = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const l = left[i];
      if (l === a && this.right[i] === b) return this.value[i];
      if (l === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Stores (or replaces) the merge of `a` and `b` (ids ≥ 0). */
  set(a: number, b: number, merged: number): void {
    if ((this.count + 1) * 2 > this.left.length) this.grow();
    let i = PairTable.hash(a, b) & this.mask;
    while (this.left[i] !== -1) {
      if (this.left[i] === a && this.right[i] === b) {
        this.value[i] = merged;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.left[i] = a;
    this.right[i] = b;
    this.value[i] = merged;
    this.count++;
  }

  private grow(): void {
    const { left, right, value } = this;
    const capacity = left.length * 2;
    this.left = new Int32Array(capacity).fill(-1);
    this.right = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < left.length; i++) if (left[i] !== -1) this.set(left[i], right[i], value[i]);
  }
}

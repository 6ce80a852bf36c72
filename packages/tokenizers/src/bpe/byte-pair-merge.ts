import type { PairTable } from './pair-table.js';

/**
 * Chunks up to this many symbols are merged by rescanning an array (fast for the short words of real text);
 * longer ones (runs of spaces or digits, text without pre-tokenisation) use a heap, so the cost stays
 * O(n log n) instead of O(n²).
 */
export const SCAN_LIMIT = 64;

/** Reusable buffers for `bytePairMerge`, grown on demand. */
export class MergeScratch {
  ranks = new Int32Array(SCAN_LIMIT);
  prev = new Int32Array(0);
  next = new Int32Array(0);
  heap = new Float64Array(0);

  ensure(n: number): void {
    if (this.prev.length < n) {
      this.prev = new Int32Array(n);
      this.next = new Int32Array(n);
      this.heap = new Float64Array(2 * n);
    }
  }
}

/**
 * Applies merges to `ids[0..n)` in place and returns the new length. At each step the adjacent pair whose merged
 * id is lowest is merged, the leftmost one among equals: tiktoken's rule, where a token's rank is its id. For
 * learned merges ids grow with merge order, so this is also minbpe's rule of applying the earliest merge first.
 * @example
 * // with 'a'+'b' → 256 and 256+'c' → 257
 * bytePairMerge(Int32Array.of(97, 98, 99), 3, table, scratch) // 1; ids[0] === 257
 */
export function bytePairMerge(ids: Int32Array, n: number, pairs: PairTable, scratch: MergeScratch): number {
  if (n < 2) return n;
  return n <= SCAN_LIMIT ? mergeByScan(ids, n, pairs, scratch.ranks) : mergeByHeap(ids, n, pairs, scratch);
}

/** The short-chunk path: ranks[i] holds the merge of (ids[i], ids[i+1]) or -1. */
export function mergeByScan(ids: Int32Array, n: number, pairs: PairTable, ranks: Int32Array): number {
  for (let i = 0; i < n - 1; i++) ranks[i] = pairs.get(ids[i], ids[i + 1]);
  for (;;) {
    let best = -1;
    let bestRank = 0x7fffffff;
    for (let i = 0; i < n - 1; i++) {
      const r = ranks[i];
      if (r >= 0 && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) return n;
    ids[best] = bestRank;
    // drop symbol best+1; the pair ranks to its right shift left with it
    for (let j = best + 1; j < n - 1; j++) ids[j] = ids[j + 1];
    for (let j = best + 1; j < n - 2; j++) ranks[j] = ranks[j + 1];
    n--;
    if (best > 0) ranks[best - 1] = pairs.get(ids[best - 1], ids[best]);
    if (best < n - 1) ranks[best] = pairs.get(ids[best], ids[best + 1]);
  }
}

const POS = 2 ** 32;

/**
 * The long-chunk path: symbols in a linked list, candidate merges in a binary min-heap keyed by
 * rank * 2^32 + position, so equal ranks pop leftmost first. Entries go stale when a neighbour merges; a popped
 * entry is used only if its pair still merges to the same rank.
 */
export function mergeByHeap(ids: Int32Array, n: number, pairs: PairTable, scratch: MergeScratch): number {
  scratch.ensure(n);
  const { prev, next, heap } = scratch;
  let size = 0;
  const push = (key: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= key) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= last) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  };
  for (let i = 0; i < n; i++) {
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  for (let i = 0; i < n - 1; i++) {
    const r = pairs.get(ids[i], ids[i + 1]);
    if (r >= 0) push(r * POS + i);
  }
  while (size > 0) {
    const key = pop();
    const rank = Math.floor(key / POS);
    const i = key - rank * POS;
    if (ids[i] < 0) continue; // merged away
    const j = next[i];
    if (j < 0 || pairs.get(ids[i], ids[j]) !== rank) continue; // stale
    ids[i] = rank;
    ids[j] = -1;
    const k = next[j];
    next[i] = k;
    if (k >= 0) prev[k] = i;
    const h = prev[i];
    if (h >= 0) {
      const r = pairs.get(ids[h], rank);
      if (r >= 0) push(r * POS + h);
    }
    if (k >= 0) {
      const r = pairs.get(rank, ids[k]);
      if (r >= 0) push(r * POS + i);
    }
  }
  let m = 0;
  for (let i = 0; i >= 0; i = next[i]) ids[m++] = ids[i];
  return m;
}

import { CandidateHeap } from './candidate-heap.js';
import { MAX_TOKEN_BYTES } from './limits.js';
import { PairTable } from './pair-table.js';
import { utf8Into } from './utf8.js';

/**
 * What training learned: merge i joins `merges[2i]` and `merges[2i+1]` into id 256 + i; `counts[i]` is how often
 * that pair occurred when it was chosen.
 */
export interface LearnedMerges {
  merges: number[];
  counts: number[];
}

/**
 * Learns up to `numMerges` byte-pair merges from pre-tokenised chunks, with minbpe's rule: merge the most
 * frequent adjacent pair; among pairs of equal count, the one whose first occurrence comes first (chunks in
 * order, left to right), which is the pair Python's `max` over minbpe's insertion-ordered counts returns.
 * Overlapping pairs count as minbpe counts them ('aaa' holds ('a','a') twice) and merge left to right.
 *
 * Instead of recounting the corpus for every merge, identical chunks are stored once with a weight, symbols
 * form linked lists, each pair keeps its count and the list of places it occurs, and a heap finds the best
 * pair; a merge only updates the pairs around the places it changes. Stops early when no pair is left.
 *
 * A pair whose token would be longer than `maxTokenBytes` (default `MAX_TOKEN_BYTES`) is never merged, so every
 * trained tokenizer can be saved and read back; only very repetitive text without pre-tokenisation gets there.
 * @example learnMerges(['ab', 'ab', 'c'], 1) // { merges: [97, 98], counts: [2] }
 */
export function learnMerges(chunks: Iterable<string>, numMerges: number, maxTokenBytes = MAX_TOKEN_BYTES): LearnedMerges {
  // identical chunks train identically, so keep one copy of each (in order of first appearance) with a weight
  const weights = new Map<string, number>();
  for (const chunk of chunks) weights.set(chunk, (weights.get(chunk) ?? 0) + 1);
  let total = 0;
  for (const word of weights.keys()) total += word.length * 3;
  const tok = new Int32Array(total);
  const prev = new Int32Array(total);
  const next = new Int32Array(total);
  const weight = new Float64Array(total);
  let size = 0;
  const bytes = new Int32Array(1024);
  for (const [word, count] of weights) {
    const buf = word.length * 3 <= bytes.length ? bytes : new Int32Array(word.length * 3);
    const n = utf8Into(word, 0, word.length, buf);
    for (let k = 0; k < n; k++) {
      const i = size + k;
      tok[i] = buf[k];
      prev[i] = k === 0 ? -1 : i - 1;
      next[i] = k === n - 1 ? -1 : i + 1;
      weight[i] = count;
    }
    size += n;
  }
  const stats = new PairStats(tok, next);
  for (let i = 0; i < size; i++) if (next[i] >= 0) stats.add(tok[i], tok[next[i]], i, weight[i]);
  stats.pushTouched();

  const merges: number[] = [];
  const counts: number[] = [];
  const lengths: number[] = new Array<number>(256).fill(1); // bytes per token id
  while (counts.length < numMerges) {
    const p = stats.best();
    if (p < 0) break;
    const a = stats.left[p];
    const b = stats.right[p];
    if (lengths[a] + lengths[b] > maxTokenBytes) {
      stats.retire(p);
      continue;
    }
    const merged = 256 + counts.length;
    lengths.push(lengths[a] + lengths[b]);
    merges.push(a, b);
    counts.push(stats.count[p]);
    // left to right, so that in 'aaa' the first two merge, as minbpe's merge() does
    for (const i of stats.liveOccurrences(p).sort()) {
      const j = next[i];
      if (tok[i] !== a || j < 0 || tok[j] !== b) continue; // consumed by the merge just to its left
      const w = weight[i];
      const h = prev[i];
      const k = next[j];
      if (h >= 0) stats.remove(tok[h], a, h, w);
      if (k >= 0) stats.remove(b, tok[k], j, w);
      stats.remove(a, b, i, w);
      tok[i] = merged;
      tok[j] = -1;
      next[i] = k;
      if (k >= 0) prev[k] = i;
      if (h >= 0) stats.add(tok[h], merged, h, w);
      if (k >= 0) stats.add(merged, tok[k], i, w);
    }
    stats.forget(p);
    stats.pushTouched();
  }
  return { merges, counts };
}

/**
 * Per-pair statistics over the symbol lists: count, where it occurs, and its first position. `first` is a lower
 * bound that is exact unless `stale` is set (its occurrence there went away); it is recomputed only when the pair
 * reaches the top of the heap.
 */
class PairStats {
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly count: number[] = [];
  private readonly first: number[] = [];
  private readonly stale: boolean[] = [];
  private readonly places: number[][] = [];
  private readonly index = new PairTable(1 << 16);
  private readonly heap = new CandidateHeap();
  private touched: number[] = [];
  private readonly isTouched: boolean[] = [];
  private readonly retired: boolean[] = [];

  constructor(private readonly tok: Int32Array, private readonly next: Int32Array) {}

  private id(a: number, b: number): number {
    let p = this.index.get(a, b);
    if (p < 0) {
      p = this.left.length;
      this.index.set(a, b, p);
      this.left.push(a);
      this.right.push(b);
      this.count.push(0);
      this.first.push(Infinity);
      this.stale.push(false);
      this.places.push([]);
      this.isTouched.push(false);
      this.retired.push(false);
    }
    return p;
  }

  /** Pair (a, b) now occurs at symbol `i`, `w` times. */
  add(a: number, b: number, i: number, w: number): void {
    const p = this.id(a, b);
    if (this.retired[p]) return;
    this.count[p] += w;
    this.places[p].push(i);
    if (i < this.first[p]) {
      this.first[p] = i; // earlier than every other place, so exact
      this.stale[p] = false;
    }
    if (!this.isTouched[p]) {
      this.isTouched[p] = true;
      this.touched.push(p);
    }
  }

  /** Pair (a, b) no longer occurs at symbol `i`. */
  remove(a: number, b: number, i: number, w: number): void {
    const p = this.index.get(a, b);
    this.count[p] -= w;
    if (i === this.first[p]) this.stale[p] = true;
  }

  /** Drops the place list of a pair that has been merged away. */
  forget(p: number): void {
    this.places[p] = [];
    this.count[p] = 0;
  }

  /** Takes pair p out of the running for good: it is not counted again, so it never returns to the heap. */
  retire(p: number): void {
    this.retired[p] = true;
    this.forget(p);
  }

  /** Pairs whose count or first place may have improved get a fresh heap entry. */
  pushTouched(): void {
    for (const p of this.touched) {
      this.isTouched[p] = false;
      if (this.count[p] > 0) this.heap.push(this.count[p], this.first[p], p);
    }
    this.touched = [];
  }

  /** The places where pair p occurs now, pruning the list of places it has left. */
  liveOccurrences(p: number): Int32Array {
    const a = this.left[p];
    const b = this.right[p];
    const places = this.places[p];
    let kept = 0;
    for (const i of places) {
      const j = this.next[i];
      if (this.tok[i] === a && j >= 0 && this.tok[j] === b) places[kept++] = i;
    }
    places.length = kept;
    return Int32Array.from(places);
  }

  /** The pair to merge next (highest count, then earliest first place), or -1 when none is left. */
  best(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const p = heap.topPair();
      if (this.count[p] <= 0) {
        heap.pop();
        continue;
      }
      if (this.stale[p]) {
        let first = Infinity;
        for (const i of this.liveOccurrences(p)) if (i < first) first = i;
        this.first[p] = first;
        this.stale[p] = false;
      }
      if (heap.topCount() !== this.count[p] || heap.topPosition() !== this.first[p]) {
        heap.pop();
        heap.push(this.count[p], this.first[p], p);
        continue;
      }
      heap.pop();
      return p;
    }
    return -1;
  }
}

/**
 * `torch.topk(largest=True, sorted=True)` on one CPU row, including the order
 * it gives to tied values.
 *
 * PyTorch's CPU top-k runs GNU libstdc++'s `std::partial_sort` (when
 * `k * 64 <= n`) or `std::nth_element` followed by `std::sort` of the first
 * `k - 1` slots. Neither is stable, so the indices returned for equal values
 * depend on those exact algorithms. Sampling without replacement ends in a
 * top-k, and zero probabilities tie, so the algorithms are reproduced here
 * step for step (GCC 12 `stl_algo.h` / `stl_heap.h`, the toolchain of the
 * reference build) to return the same indices.
 *
 * @module
 */

/** Working queue: parallel value / original-index arrays. */
interface Queue {
  v: Float64Array;
  i: Int32Array;
}

// NaN ranks above everything; otherwise "greater than".
const gt = (a: number, b: number): boolean => (a !== a && b === b) || a > b;
const lg = (n: number): number => 31 - Math.clz32(n);

function swap(q: Queue, a: number, b: number): void {
  const tv = q.v[a];
  q.v[a] = q.v[b];
  q.v[b] = tv;
  const ti = q.i[a];
  q.i[a] = q.i[b];
  q.i[b] = ti;
}

function move(q: Queue, to: number, from: number): void {
  q.v[to] = q.v[from];
  q.i[to] = q.i[from];
}

function pushHeap(q: Queue, first: number, hole: number, top: number, vv: number, vi: number): void {
  let parent = ((hole - 1) / 2) | 0;
  while (hole > top && gt(q.v[first + parent], vv)) {
    move(q, first + hole, first + parent);
    hole = parent;
    parent = ((hole - 1) / 2) | 0;
  }
  q.v[first + hole] = vv;
  q.i[first + hole] = vi;
}

function adjustHeap(q: Queue, first: number, hole: number, len: number, vv: number, vi: number): void {
  const top = hole;
  let second = hole;
  while (second < (((len - 1) / 2) | 0)) {
    second = 2 * (second + 1);
    if (gt(q.v[first + second], q.v[first + second - 1])) second--;
    move(q, first + hole, first + second);
    hole = second;
  }
  if ((len & 1) === 0 && second === (((len - 2) / 2) | 0)) {
    second = 2 * (second + 1);
    move(q, first + hole, first + second - 1);
    hole = second - 1;
  }
  pushHeap(q, first, hole, top, vv, vi);
}

function popHeap(q: Queue, first: number, last: number, result: number): void {
  const vv = q.v[result];
  const vi = q.i[result];
  move(q, result, first);
  adjustHeap(q, first, 0, last - first, vv, vi);
}

function heapSelect(q: Queue, first: number, middle: number, last: number): void {
  const len = middle - first;
  if (len >= 2) {
    for (let parent = ((len - 2) / 2) | 0; ; parent--) {
      adjustHeap(q, first, parent, len, q.v[first + parent], q.i[first + parent]);
      if (parent === 0) break;
    }
  }
  for (let i = middle; i < last; i++) {
    if (gt(q.v[i], q.v[first])) popHeap(q, first, middle, i);
  }
}

function partialSort(q: Queue, first: number, middle: number, last: number): void {
  heapSelect(q, first, middle, last);
  for (let end = middle; end - first > 1; ) {
    end--;
    popHeap(q, first, end, end);
  }
}

function unguardedLinearInsert(q: Queue, last: number): void {
  const vv = q.v[last];
  const vi = q.i[last];
  let next = last - 1;
  while (gt(vv, q.v[next])) {
    move(q, last, next);
    last = next--;
  }
  q.v[last] = vv;
  q.i[last] = vi;
}

function insertionSort(q: Queue, first: number, last: number): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (gt(q.v[i], q.v[first])) {
      const vv = q.v[i];
      const vi = q.i[i];
      for (let j = i; j > first; j--) move(q, j, j - 1);
      q.v[first] = vv;
      q.i[first] = vi;
    } else {
      unguardedLinearInsert(q, i);
    }
  }
}

function moveMedianToFirst(q: Queue, result: number, a: number, b: number, c: number): void {
  const v = q.v;
  if (gt(v[a], v[b])) {
    if (gt(v[b], v[c])) swap(q, result, b);
    else if (gt(v[a], v[c])) swap(q, result, c);
    else swap(q, result, a);
  } else if (gt(v[a], v[c])) swap(q, result, a);
  else if (gt(v[b], v[c])) swap(q, result, c);
  else swap(q, result, b);
}

function partitionPivot(q: Queue, first: number, last: number): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(q, first, first + 1, mid, last - 1);
  const pivot = first;
  let lo = first + 1;
  let hi = last;
  for (;;) {
    while (gt(q.v[lo], q.v[pivot])) lo++;
    hi--;
    while (gt(q.v[pivot], q.v[hi])) hi--;
    if (!(lo < hi)) return lo;
    swap(q, lo, hi);
    lo++;
  }
}

function nthElement(q: Queue, first: number, nth: number, last: number): void {
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(q, first, nth + 1, last);
      swap(q, first, nth);
      return;
    }
    depth--;
    const cut = partitionPivot(q, first, last);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(q, first, last);
}

const THRESHOLD = 16;

function introsortLoop(q: Queue, first: number, last: number, depth: number): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      partialSort(q, first, last, last);
      return;
    }
    depth--;
    const cut = partitionPivot(q, first, last);
    introsortLoop(q, cut, last, depth);
    last = cut;
  }
}

function sort(q: Queue, first: number, last: number): void {
  if (first === last) return;
  introsortLoop(q, first, last, lg(last - first) * 2);
  if (last - first > THRESHOLD) {
    insertionSort(q, first, first + THRESHOLD);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(q, i);
  } else {
    insertionSort(q, first, last);
  }
}

/**
 * Indices of the `k` largest of `values[offset .. offset + n)`, in the order
 * PyTorch's CPU `topk(k, largest=True, sorted=True)` returns them (NaN counts
 * as largest). Written to `out[outOffset .. outOffset + k)`.
 *
 * @example
 * ```ts
 * const out = new Int32Array(2);
 * topkIndices(new Float64Array([0.1, 0.7, 0.3]), 0, 3, 2, out, 0); // out = [1, 2]
 * ```
 */
export function topkIndices(
  values: ArrayLike<number>,
  offset: number,
  n: number,
  k: number,
  out: Int32Array,
  outOffset: number,
): void {
  if (k <= 0) return;
  const q: Queue = { v: new Float64Array(n), i: new Int32Array(n) };
  for (let j = 0; j < n; j++) {
    q.v[j] = values[offset + j];
    q.i[j] = j;
  }
  if (k * 64 <= n) {
    partialSort(q, 0, k, n);
  } else {
    nthElement(q, 0, k - 1, n);
    sort(q, 0, k - 1);
  }
  for (let j = 0; j < k; j++) out[outOffset + j] = q.i[j];
}

/**
 * A binary heap of merge candidates for training, ordered by count (highest first), then by the position of the
 * pair's first occurrence (earliest first), which is minbpe's tie-break. Entries are snapshots: the trainer
 * checks a popped entry against the pair's current count and position and pushes it again when they differ.
 * @example
 * const h = new CandidateHeap();
 * h.push(5, 10, 0); h.push(5, 3, 1); h.push(7, 99, 2);
 * h.topPair() // 2; after h.pop(), 1 (same count as pair 0, earlier position)
 */
export class CandidateHeap {
  private counts = new Float64Array(1024);
  private positions = new Float64Array(1024);
  private pairs = new Int32Array(1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  topCount(): number {
    return this.counts[0];
  }

  topPosition(): number {
    return this.positions[0];
  }

  topPair(): number {
    return this.pairs[0];
  }

  /** Whether entry a should come out before entry b. */
  private before(a: number, b: number): boolean {
    const ca = this.counts[a];
    const cb = this.counts[b];
    return ca > cb || (ca === cb && this.positions[a] < this.positions[b]);
  }

  private swap(a: number, b: number): void {
    const { counts, positions, pairs } = this;
    const c = counts[a]; counts[a] = counts[b]; counts[b] = c;
    const p = positions[a]; positions[a] = positions[b]; positions[b] = p;
    const q = pairs[a]; pairs[a] = pairs[b]; pairs[b] = q;
  }

  push(count: number, position: number, pair: number): void {
    if (this.length === this.counts.length) this.grow();
    let i = this.length++;
    this.counts[i] = count;
    this.positions[i] = position;
    this.pairs[i] = pair;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): void {
    const last = --this.length;
    if (last === 0) return;
    this.counts[0] = this.counts[last];
    this.positions[0] = this.positions[last];
    this.pairs[0] = this.pairs[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const child = l + 1 < last && this.before(l + 1, l) ? l + 1 : l;
      if (!this.before(child, i)) break;
      this.swap(i, child);
      i = child;
    }
  }

  private grow(): void {
    const n = this.counts.length * 2;
    const counts = new Float64Array(n); counts.set(this.counts); this.counts = counts;
    const positions = new Float64Array(n); positions.set(this.positions); this.positions = positions;
    const pairs = new Int32Array(n); pairs.set(this.pairs); this.pairs = pairs;
  }
}

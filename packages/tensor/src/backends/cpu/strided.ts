/**
 * Walking several strided operands over one shape. Dims that every operand walks contiguously are merged first
 * ("coalesced"), so a contiguous or simply-broadcast case becomes a single flat loop.
 */

export interface Walk {
  /** Coalesced shape; the last dim is the one kernels loop over. */
  readonly shape: number[];
  /** Per operand, its strides over `shape`. */
  readonly strides: number[][];
}

/** Merges adjacent dims that every operand steps through as one, and drops size-1 dims. */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): Walk {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; mergeable && k < strides.length; k++) {
      if (outStrides[k][last] !== strides[k][d] * size) mergeable = false;
    }
    if (mergeable) {
      outShape[last] *= size;
      for (let k = 0; k < strides.length; k++) outStrides[k][last] = strides[k][d];
    } else {
      outShape.push(size);
      for (let k = 0; k < strides.length; k++) outStrides[k].push(strides[k][d]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(0);
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `row(bases, n)` once per innermost row of `walk`, with `bases[k]` the element offset of operand k at the
 * row's start (starting from `offsets[k]`); the row has `n` elements stepped by `walk.strides[k][last]`.
 * `bases` is reused between calls.
 */
export function forEachRow(walk: Walk, offsets: readonly number[], row: (bases: number[], n: number) => void): void {
  const { shape, strides } = walk;
  const nd = shape.length;
  const ops = strides.length;
  const bases = offsets.slice();
  const n = shape[nd - 1];
  if (n === 0) return;
  for (const d of shape) if (d === 0) return;
  if (nd === 1) {
    row(bases, n);
    return;
  }
  const counter = new Array<number>(nd - 1).fill(0);
  for (;;) {
    row(bases, n);
    // advance the outer counter like an odometer, updating each operand's base incrementally
    let d = nd - 2;
    for (; d >= 0; d--) {
      counter[d]++;
      for (let k = 0; k < ops; k++) bases[k] += strides[k][d];
      if (counter[d] < shape[d]) break;
      for (let k = 0; k < ops; k++) bases[k] -= strides[k][d] * shape[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

/** The innermost stride of each operand of a walk. */
export function innerStrides(walk: Walk): number[] {
  const last = walk.shape.length - 1;
  return walk.strides.map((s) => s[last]);
}

/**
 * A reduction's dims split into kept ones (walked together by the output and the input) and reduced ones (walked
 * per output element), each coalesced; K and R are how many elements each walk covers.
 */
export function splitDims(
  out: { shape?: readonly number[]; strides: readonly number[] },
  x: { shape: readonly number[]; strides: readonly number[] },
  dims: readonly number[],
): { kept: Walk; red: Walk; K: number; R: number } {
  const reduced = new Set(dims);
  const keptShape: number[] = [];
  const keptStrides: number[][] = [[], []];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  x.shape.forEach((size, d) => {
    if (reduced.has(d)) {
      redShape.push(size);
      redStrides.push(x.strides[d]);
    } else {
      keptShape.push(size);
      keptStrides[0].push(out.strides[d]);
      keptStrides[1].push(x.strides[d]);
    }
  });
  const count = (sizes: number[]) => sizes.reduce((a, b) => a * b, 1);
  return { kept: coalesce(keptShape, keptStrides), red: coalesce(redShape, [redStrides]), K: count(keptShape), R: count(redShape) };
}

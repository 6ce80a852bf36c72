/**
 * Row copies between tensors' typed arrays and the Wasm module's memory, which every kernel driver makes before and
 * after its kernel runs.
 */

/**
 * Rows shorter than this are copied element by element: a `subarray` costs about 50 ns (an object each), a loop
 * about 1.5 ns a float in Node 20, so for a head's 16-float rows of queries, keys and values the loop takes half
 * the time.
 */
const SHORT_ROW = 32;

/**
 * Copies `rows` rows of `n` floats from `src` (the first at `from`, rows `srcStride` apart) to `dst` (from `to`,
 * `dstStride` apart): one copy where both sides are dense, else row by row.
 * @example copyRows(mem, at, n, x, x0, rowStride, rows, n) // staging: consecutive rows in the module's memory
 */
export function copyRows(
  dst: Float32Array, to: number, dstStride: number, src: Float32Array, from: number, srcStride: number, rows: number, n: number,
): void {
  if (rows === 1 || (srcStride === n && dstStride === n)) {
    dst.set(src.subarray(from, from + rows * n), to);
  } else if (n < SHORT_ROW) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0, s = from + i * srcStride, d = to + i * dstStride; j < n; j++) dst[d + j] = src[s + j];
    }
  } else {
    for (let i = 0; i < rows; i++) dst.set(src.subarray(from + i * srcStride, from + i * srcStride + n), to + i * dstStride);
  }
}

/**
 * Staging: `rows` rows of `n` floats, `rs` apart in `src` from `off`, to consecutive rows of `mem` from float index `to`.
 * @example stageRows(mem, at, x.buffer, x.offset, rows, n, rowStride)
 */
export function stageRows(mem: Float32Array, to: number, src: ArrayLike<number>, off: number, rows: number, n: number, rs: number): void {
  copyRows(mem, to, n, src as Float32Array, off, rs, rows, n);
}

/**
 * The inverse of {@link stageRows}: consecutive rows of `mem` from float index `from` to `dst` at `off`, `rs` apart.
 * @example unstageRows(mem, at, out.buffer, out.offset, rows, n, rowStride)
 */
export function unstageRows(mem: Float32Array, from: number, dst: ArrayLike<number>, off: number, rows: number, n: number, rs: number): void {
  copyRows(dst as Float32Array, off, rs, mem, from, n, rows, n);
}

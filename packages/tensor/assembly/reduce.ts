/**
 * float32 sums over the outer dim of a block (column sums: a bias's gradient, a batch mean), accumulated in
 * float64 in the same order as the JS kernel, so the results are the same bits. Four columns at a time.
 */

/**
 * acc[j] (float64, at `acc`) += Σ_i x[i·rs + j] for j < cols, the rows of the float32 block at `x`, in order;
 * `first` clears acc before. acc has room for cols rounded up to 4; x is padded so whole vectors can be read.
 */
export function sumColumns(rows: i32, cols: i32, x: usize, rs: i32, acc: usize, first: bool): void {
  const end = acc + ((<usize>(cols + 3) & ~3) << 3);
  if (first) memory.fill(acc, 0, end - acc);
  for (let i = 0; i < rows; i++) {
    let p = x + (<usize>(i * rs) << 2);
    for (let q = acc; q < end; q += 32, p += 16) {
      const v = v128.load(p);
      const high = i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
      v128.store(q, f64x2.add(v128.load(q), f64x2.promote_low_f32x4(v)));
      v128.store(q, f64x2.add(v128.load(q, 16), f64x2.promote_low_f32x4(high)), 16);
    }
  }
}

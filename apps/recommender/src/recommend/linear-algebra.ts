/** Small dense linear algebra on the host, in float64: what explanations (a k×k solve) and PCA (a k×k eigenproblem) need. */

/**
 * Solves A·x = b for a symmetric positive-definite k×k matrix A (row-major) by Cholesky decomposition.
 * @example solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1)) // [0.5, 0]
 */
export function solveSpd(a: Float64Array, b: Float64Array): Float64Array {
  const k = b.length;
  if (a.length !== k * k) throw new Error(`solveSpd: a ${k}×${k} matrix needs ${k * k} entries, got ${a.length}`);
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: the matrix is not positive definite');
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * y[p];
    y[i] = s / l[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/**
 * The top `count` eigenvectors of a symmetric k×k matrix (row-major), by power iteration with deflation, each with
 * its eigenvalue; signs are fixed so each vector's largest entry is positive (plots come out the same every run).
 * @example topEigenvectors(Float64Array.of(2, 0, 0, 1), 1) // [{ value: 2, vector: [1, 0] }]
 */
export function topEigenvectors(m: Float64Array, count: number, iterations = 500): { value: number; vector: Float64Array }[] {
  const k = Math.round(Math.sqrt(m.length));
  const a = Float64Array.from(m);
  const out: { value: number; vector: Float64Array }[] = [];
  for (let c = 0; c < count; c++) {
    // a start that no eigenvector is orthogonal to in practice: not all-equal entries
    let v = Float64Array.from({ length: k }, (_, i) => 1 + i / k);
    let value = 0;
    for (let it = 0; it < iterations; it++) {
      const w = new Float64Array(k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) w[i] += a[i * k + j] * v[j];
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      for (let i = 0; i < k; i++) w[i] /= norm;
      const change = w.reduce((s, x, i) => s + Math.abs(x - v[i]), 0);
      v = w;
      value = norm;
      if (change < 1e-12) break;
    }
    const largest = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]) ? i : best), 0);
    if (v[largest] < 0) for (let i = 0; i < k; i++) v[i] = -v[i];
    out.push({ value, vector: v });
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] -= value * v[i] * v[j];
  }
  return out;
}

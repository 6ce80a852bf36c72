/**
 * Layer normalisation over rows of float32, forward and backward, one call per block of rows (the CPU backend's
 * `Backend.layerNorm` and `Backend.layerNormBackward`, src/backends/cpu/wasm/layernorm-wasm.ts). Rows are packed
 * (row r at r·n); sums run four lanes at a time and the lanes are added in float64. A zero address means the
 * weight, the bias or a gradient to accumulate is absent.
 */

/** Σ of the four lanes, in float64. */
@inline
function lanes(v: v128): f64 {
  return <f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1) + (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3));
}

@inline
function at(p: usize, j: i32): usize {
  return p + (<usize>j << 2);
}

export function layerNormRows(rows: i32, n: i32, x: usize, w: usize, b: usize, out: usize, mean: usize, rstd: usize, eps: f32): void {
  const whole = n & ~3;
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * n) << 2);
    const or = out + (<usize>(r * n) << 2);
    let s = f32x4.splat(0);
    for (let j = 0; j < whole; j += 4) s = f32x4.add(s, v128.load(at(xr, j)));
    let sum = lanes(s);
    for (let j = whole; j < n; j++) sum += <f64>load<f32>(at(xr, j));
    const m = <f32>(sum / <f64>n);
    const mv = f32x4.splat(m);
    let q = f32x4.splat(0);
    for (let j = 0; j < whole; j += 4) {
      const d = f32x4.sub(v128.load(at(xr, j)), mv);
      q = f32x4.add(q, f32x4.mul(d, d));
    }
    let sq = lanes(q);
    for (let j = whole; j < n; j++) {
      const d = load<f32>(at(xr, j)) - m;
      sq += <f64>(d * d);
    }
    const rs = <f32>(1 / Math.sqrt(<f64>(<f32>(sq / <f64>n)) + <f64>eps));
    store<f32>(at(mean, r), m);
    store<f32>(at(rstd, r), rs);
    const rv = f32x4.splat(rs);
    for (let j = 0; j < whole; j += 4) {
      let y = f32x4.mul(f32x4.sub(v128.load(at(xr, j)), mv), rv);
      if (w) y = f32x4.mul(y, v128.load(at(w, j)));
      if (b) y = f32x4.add(y, v128.load(at(b, j)));
      v128.store(at(or, j), y);
    }
    for (let j = whole; j < n; j++) {
      let y = (load<f32>(at(xr, j)) - m) * rs;
      if (w) y *= load<f32>(at(w, j));
      if (b) y += load<f32>(at(b, j));
      store<f32>(at(or, j), y);
    }
  }
}

/**
 * dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) with g = dy·w and x̂ = (x − mean)·rstd; adds dy·x̂ into dw and dy into
 * db (over this block's rows; the host zeroes them before the first block).
 */
export function layerNormBackwardRows(rows: i32, n: i32, dy: usize, x: usize, w: usize, mean: usize, rstd: usize, dx: usize, dw: usize, db: usize): void {
  const whole = n & ~3;
  for (let r = 0; r < rows; r++) {
    const off = <usize>(r * n) << 2;
    const m = f32x4.splat(load<f32>(at(mean, r)));
    const rs = load<f32>(at(rstd, r));
    const rv = f32x4.splat(rs);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    for (let j = 0; j < whole; j += 4) {
      const g = v128.load(at(dy + off, j));
      const xhat = f32x4.mul(f32x4.sub(v128.load(at(x + off, j)), m), rv);
      const gw = w ? f32x4.mul(g, v128.load(at(w, j))) : g;
      s1 = f32x4.add(s1, gw);
      s2 = f32x4.add(s2, f32x4.mul(gw, xhat));
      if (dw) v128.store(at(dw, j), f32x4.add(v128.load(at(dw, j)), f32x4.mul(g, xhat)));
      if (db) v128.store(at(db, j), f32x4.add(v128.load(at(db, j)), g));
    }
    let sum1 = lanes(s1);
    let sum2 = lanes(s2);
    for (let j = whole; j < n; j++) {
      const g = load<f32>(at(dy + off, j));
      const xhat = (load<f32>(at(x + off, j)) - f32x4.extract_lane(m, 0)) * rs;
      const gw = w ? g * load<f32>(at(w, j)) : g;
      sum1 += <f64>gw;
      sum2 += <f64>(gw * xhat);
      if (dw) store<f32>(at(dw, j), load<f32>(at(dw, j)) + g * xhat);
      if (db) store<f32>(at(db, j), load<f32>(at(db, j)) + g);
    }
    const a = f32x4.splat(<f32>(sum1 / <f64>n));
    const c = f32x4.splat(<f32>(sum2 / <f64>n));
    for (let j = 0; j < whole; j += 4) {
      const g = v128.load(at(dy + off, j));
      const xhat = f32x4.mul(f32x4.sub(v128.load(at(x + off, j)), m), rv);
      const gw = w ? f32x4.mul(g, v128.load(at(w, j))) : g;
      v128.store(at(dx + off, j), f32x4.mul(f32x4.sub(f32x4.sub(gw, a), f32x4.mul(xhat, c)), rv));
    }
    for (let j = whole; j < n; j++) {
      const g = load<f32>(at(dy + off, j));
      const xhat = (load<f32>(at(x + off, j)) - f32x4.extract_lane(m, 0)) * rs;
      const gw = w ? g * load<f32>(at(w, j)) : g;
      store<f32>(at(dx + off, j), (gw - f32x4.extract_lane(a, 0) - xhat * f32x4.extract_lane(c, 0)) * rs);
    }
  }
}

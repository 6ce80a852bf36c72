/**
 * Scaled dot-product attention for one head, forward and backward (the CPU backend's `Backend.attention` and
 * `Backend.attentionBackward`, src/backends/cpu/wasm/attention-wasm.ts). Rows are float32 and packed: q and out
 * are `rows` query rows (row0 is the first one's index in the head, for the causal limit), k [S, E], v [S, Ev],
 * the mask `rows` rows of S floats (0: no mask), lse one float a row.
 *
 * The forward never forms a row of S probabilities: it walks the keys in blocks of KB with an online softmax,
 * keeping the running max m, the running sum l and the output row rescaled as m grows, and saves
 * lse = m + log l. The backward recomputes each probability as exp(score − lse).
 */
import { expv, logv } from './math';

/** Keys per block of the online softmax: the scores of a block sit in a scratch of KB floats. */
const KB: i32 = 64;

/** Σ a[t]·b[t] over n floats, four lanes at a time. */
@inline
function dot(a: usize, b: usize, n: i32): f32 {
  const whole = <usize>(n & ~3) << 2;
  let acc = f32x4.splat(0);
  for (let t: usize = 0; t < whole; t += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + t), v128.load(b + t)));
  let r = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (let t = n & ~3; t < n; t++) r += load<f32>(a + (<usize>t << 2)) * load<f32>(b + (<usize>t << 2));
  return r;
}

/** y[t] += alpha·x[t] over n floats. */
@inline
function axpy(y: usize, x: usize, alpha: f32, n: i32): void {
  const whole = <usize>(n & ~3) << 2;
  const a = f32x4.splat(alpha);
  for (let t: usize = 0; t < whole; t += 16) v128.store(y + t, f32x4.add(v128.load(y + t), f32x4.mul(a, v128.load(x + t))));
  for (let t = n & ~3; t < n; t++) {
    const p = <usize>t << 2;
    store<f32>(y + p, load<f32>(y + p) + alpha * load<f32>(x + p));
  }
}

/** y[t] *= alpha over n floats. */
@inline
function scaleRow(y: usize, alpha: f32, n: i32): void {
  const whole = <usize>(n & ~3) << 2;
  const a = f32x4.splat(alpha);
  for (let t: usize = 0; t < whole; t += 16) v128.store(y + t, f32x4.mul(v128.load(y + t), a));
  for (let t = n & ~3; t < n; t++) store<f32>(y + (<usize>t << 2), load<f32>(y + (<usize>t << 2)) * alpha);
}

@inline
function exp1(x: f32): f32 {
  return f32x4.extract_lane(expv(f32x4.splat(x)), 0);
}

/**
 * The scores of query row `qi` against keys j0 … j0 + nb − 1 into `s`: q·k·scale + mask. Returns their max
 * (NaN if one is NaN).
 */
@inline
function blockScores(qi: usize, k: usize, E: i32, mi: usize, j0: i32, nb: i32, scale: f32, s: usize): f32 {
  let mb: f32 = -Infinity;
  for (let t = 0; t < nb; t++) {
    const j = j0 + t;
    let x = dot(qi, k + (<usize>(j * E) << 2), E) * scale;
    if (mi) x += load<f32>(mi + (<usize>j << 2));
    store<f32>(s + (<usize>t << 2), x);
    mb = max(mb, x);
  }
  return mb;
}

/** s[t] = exp(s[t] − shift) for t < nb, four at a time (the scratch holds whole vectors). */
@inline
function expBlock(s: usize, nb: i32, shift: f32): void {
  const m = f32x4.splat(shift);
  for (let t: usize = 0; t < (<usize>nb << 2); t += 16) v128.store(s + t, expv(f32x4.sub(v128.load(s + t), m)));
}

export function attentionForward(
  rows: i32, row0: i32, S: i32, E: i32, Ev: i32, q: usize, k: usize, v: usize, mask: usize, out: usize, lse: usize, scale: f32, causal: i32, s: usize,
): void {
  for (let i = 0; i < rows; i++) {
    const qi = q + (<usize>(i * E) << 2);
    const oi = out + (<usize>(i * Ev) << 2); // the output row is the accumulator
    const mi = mask ? mask + (<usize>(i * S) << 2) : 0;
    const end = causal ? min(S, row0 + i + 1) : S;
    memory.fill(oi, 0, <usize>Ev << 2);
    let m: f32 = -Infinity;
    let l: f32 = 0;
    for (let j0 = 0; j0 < end; j0 += KB) {
      const nb = min(KB, end - j0);
      const mNew = max(m, blockScores(qi, k, E, mi, j0, nb, scale, s));
      if (mNew == -Infinity) continue; // every key so far is masked: nothing to add yet
      if (mNew != m) {
        const alpha = exp1(m - mNew);
        scaleRow(oi, alpha, Ev);
        l *= alpha;
        m = mNew;
      }
      expBlock(s, nb, m);
      for (let t = 0; t < nb; t++) {
        const p = load<f32>(s + (<usize>t << 2));
        l += p;
        axpy(oi, v + (<usize>((j0 + t) * Ev) << 2), p, Ev);
      }
    }
    scaleRow(oi, <f32>1 / l, Ev); // all masked: 0·∞, NaN, as the composed softmax gives
    store<f32>(lse + (<usize>i << 2), m + f32x4.extract_lane(logv(f32x4.splat(l)), 0));
  }
}

/**
 * The backward for the same rows: adds this block's share into dq (its rows), dk and dv (whole, accumulated over
 * the blocks of query rows), from dout and the forward's out and lse: p = exp(score − lse),
 * dv_j += p·dout_i, ds = p·(dout_i·v_j − dout_i·out_i)·scale, dq_i += ds·k_j, dk_j += ds·q_i.
 */
export function attentionBackward(
  rows: i32, row0: i32, S: i32, E: i32, Ev: i32, q: usize, k: usize, v: usize, mask: usize, out: usize, dout: usize, lse: usize,
  dq: usize, dk: usize, dv: usize, scale: f32, causal: i32, s: usize,
): void {
  for (let i = 0; i < rows; i++) {
    const qi = q + (<usize>(i * E) << 2);
    const dqi = dq + (<usize>(i * E) << 2);
    const gi = dout + (<usize>(i * Ev) << 2);
    const mi = mask ? mask + (<usize>(i * S) << 2) : 0;
    const Di = dot(gi, out + (<usize>(i * Ev) << 2), Ev);
    const li = load<f32>(lse + (<usize>i << 2));
    const end = causal ? min(S, row0 + i + 1) : S;
    for (let j0 = 0; j0 < end; j0 += KB) {
      const nb = min(KB, end - j0);
      blockScores(qi, k, E, mi, j0, nb, scale, s);
      expBlock(s, nb, li);
      for (let t = 0; t < nb; t++) {
        const p = load<f32>(s + (<usize>t << 2));
        if (p == 0) continue; // masked, or too small to matter in float32
        const j = j0 + t;
        const vj = v + (<usize>(j * Ev) << 2);
        axpy(dv + (<usize>(j * Ev) << 2), gi, p, Ev);
        const ds = p * (dot(gi, vj, Ev) - Di) * scale;
        axpy(dqi, k + (<usize>(j * E) << 2), ds, E);
        axpy(dk + (<usize>(j * E) << 2), qi, ds, E);
      }
    }
  }
}

/**
 * Scaled dot-product attention as one op: softmax(q·kᵀ·scale + mask)·v, with its gradient as one rule. Backends
 * may run it as one kernel (`Backend.attention`, `Backend.attentionBackward`) that never forms the [L, S] matrix
 * of probabilities; elsewhere it is composed from matmul, softmax and the elementwise ops, which is also the
 * reference the kernels are tested against.
 */
import type { AttentionViews, AttentionGradViews } from '../backend.js';
import { isFloat } from '../dtype.js';
import { broadcastShapes, fmtShape } from '../shape.js';
import { releaseTemporaries } from '../storage.js';
import type { Generator } from '../random/generator.js';
import type { Tensor } from '../tensor.js';
import { cast, deviceOf, empty, viewOf } from './core.js';
import { elementwise } from './elementwise.js';
import { matmul } from './linalg.js';
import { arange } from './creation.js';
import { dropoutMask } from './random.js';
import { record } from './record.js';
import { unrecorded } from './unrecorded.js';
import { softmax, softmaxBackward } from './reduction.js';
import { expand } from './views.js';

/** Options of {@link scaledDotProductAttention}. */
export interface AttentionOptions {
  /**
   * Which keys each query may attend to, broadcast to [..., L, S]: bool, `true` where attending is allowed (as
   * PyTorch's `F.scaled_dot_product_attention`; `nn.MultiheadAttention` reads bool masks the other way round),
   * or float, added to the scores (−∞ blocks).
   */
  mask?: Tensor | null;
  /** Query i attends to keys 0…i only (the mask `tril(ones(L, S))`, as PyTorch's `is_causal`). */
  causal?: boolean;
  /** Probability of dropping each attention weight (training); the rest are scaled by 1/(1 − p). Default 0. */
  dropout?: number;
  /** Where the dropout mask is drawn from. */
  generator?: Generator;
  /** Multiplies the scores; default 1/√E, E being the queries' last dim. */
  scale?: number;
}

/** What the recorded op keeps for its gradient. */
interface Saved {
  scale: number;
  causal: boolean;
  mask: Tensor | null;
  /** Each query row's log Σ exp of its scores, from the kernel; null where the forward was composed. */
  lse: Tensor | null;
}

/**
 * Attention: softmax(q·kᵀ·scale + mask)·v over the last two dims, for queries q [..., L, E], keys k [..., S, E]
 * and values v [..., S, Ev] (leading dims broadcast), giving [..., L, Ev]. As `F.scaled_dot_product_attention`
 * (PyTorch 2); a query row whose keys are all masked gives NaN, as there.
 *
 * It is one op with one gradient: on the CPU a WebAssembly kernel computes each row with an online softmax over
 * blocks of keys, and its backward recomputes the probabilities from the row's saved log-sum-exp, so no [L, S]
 * matrix outlives a call. With dropout, or a float mask that requires grad, it is composed from matmul and
 * softmax instead (and differentiates through them).
 * @example
 * const y = scaledDotProductAttention(q, k, v, { causal: true }); // q, k, v [B, H, T, E/H]
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, opts: AttentionOptions = {}): Tensor {
  const op = 'scaledDotProductAttention';
  const backend = deviceOf(op, [q, k, v, ...(opts.mask ? [opts.mask] : [])]);
  const { batch, L, S, E, Ev } = attentionShapes(q, k, v);
  if (!isFloat(q.dtype) || k.dtype !== q.dtype || v.dtype !== q.dtype) {
    throw new TypeError(`${op}: expected query, key and value of one floating dtype, got ${q.dtype}, ${k.dtype} and ${v.dtype}`);
  }
  const dropout = opts.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`${op}: dropout probability must be in [0, 1), got ${dropout}`);
  const scale = opts.scale ?? 1 / Math.sqrt(E);
  if (!Number.isFinite(scale)) throw new RangeError(`${op}: scale must be a finite number, got ${scale}`);
  const mask = additiveMask(opts.mask ?? null, [...batch, L, S], q.dtype);
  const causal = opts.causal === true;
  if (dropout > 0 || mask?.requiresGrad) return composed(q, k, v, { mask, causal, scale, dropout, generator: opts.generator });

  const Q = expand(q, [...batch, L, E]);
  const K = expand(k, [...batch, S, E]);
  const V = expand(v, [...batch, S, Ev]);
  const { o: out, l: lse } = unrecorded(
    () => {
      const [Qc, Kc, Vc] = [Q, K, V].map(lastDimDense);
      const o = empty(backend, q.dtype, [...batch, L, Ev]);
      const l = empty(backend, q.dtype, [...batch, L]);
      const views: AttentionViews = { out: viewOf(o), lse: viewOf(l), q: viewOf(Qc), k: viewOf(Kc), v: viewOf(Vc), mask: mask ? viewOf(mask, [...batch, L, S]) : null, scale, causal };
      if (backend.attention?.(views)) return { o, l };
      o.storage.release();
      l.storage.release();
      return { o: composedForward(Q, K, V, mask, causal, scale), l: null as Tensor | null };
    },
    (r) => (r.l ? [r.o.storage, r.l.storage] : [r.o.storage]),
  );
  const saved: Saved = { scale, causal, mask, lse };
  return record(op, [q, k, v], out, saved as unknown as Record<string, unknown>);
}

/**
 * The gradients of {@link scaledDotProductAttention} with respect to q, k and v, at the broadcast shapes
 * [..., L, E], [..., S, E] and [..., S, Ev], from the gradient of its output: one kernel where the backend has
 * it (recomputing the probabilities from `saved.lse`), else composed. Not recorded: for backward passes.
 * @example const [dq, dk, dv] = scaledDotProductAttentionBackward(grad, q, k, v, out, saved);
 */
export function scaledDotProductAttentionBackward(grad: Tensor, q: Tensor, k: Tensor, v: Tensor, out: Tensor, saved: Readonly<Record<string, unknown>>): [Tensor, Tensor, Tensor] {
  const { scale, causal, mask, lse } = saved as unknown as Saved;
  const { batch, L, S, E, Ev } = attentionShapes(q, k, v);
  const backend = q.storage.backend;
  const Q = expand(q, [...batch, L, E]);
  const K = expand(k, [...batch, S, E]);
  const V = expand(v, [...batch, S, Ev]);
  return releaseTemporaries(
    (): [Tensor, Tensor, Tensor] => {
      if (lse && backend.attentionBackward) {
        const dq = empty(backend, q.dtype, [...batch, L, E], 'zeros');
        const dk = empty(backend, q.dtype, [...batch, S, E], 'zeros');
        const dv = empty(backend, q.dtype, [...batch, S, Ev], 'zeros');
        const [Qc, Kc, Vc, Oc, Gc] = [Q, K, V, out, expand(grad, out.shape as number[])].map(lastDimDense);
        const views: AttentionGradViews = {
          dq: viewOf(dq), dk: viewOf(dk), dv: viewOf(dv), dout: viewOf(Gc), q: viewOf(Qc), k: viewOf(Kc), v: viewOf(Vc), out: viewOf(Oc), lse: viewOf(lse),
          mask: mask ? viewOf(mask, [...batch, L, S]) : null, scale, causal,
        };
        if (backend.attentionBackward(views)) return [dq, dk, dv];
        for (const t of [dq, dk, dv]) t.storage.release();
      }
      return composedBackward(grad, Q, K, V, mask, causal, scale);
    },
    (r) => r.map((t) => t.storage),
  );
}

function attentionShapes(q: Tensor, k: Tensor, v: Tensor) {
  const op = 'scaledDotProductAttention';
  if (q.ndim < 2 || k.ndim < 2 || v.ndim < 2) {
    throw new Error(`${op}: expected query, key and value of at least 2 dims, got ${fmtShape(q.shape)}, ${fmtShape(k.shape)} and ${fmtShape(v.shape)}`);
  }
  const [L, E] = q.shape.slice(-2);
  const [S, Ek] = k.shape.slice(-2);
  const [Sv, Ev] = v.shape.slice(-2);
  if (Ek !== E || Sv !== S) {
    throw new Error(`${op}: expected query [..., L, E], key [..., S, E] and value [..., S, Ev], got ${fmtShape(q.shape)}, ${fmtShape(k.shape)} and ${fmtShape(v.shape)}`);
  }
  const batch = broadcastShapes(op, q.shape.slice(0, -2), k.shape.slice(0, -2), v.shape.slice(0, -2));
  return { batch, L, S, E, Ev };
}

/** The mask as scores to add, in `dtype`, checked to broadcast to `shape`; bool `true` (allowed) becomes 0, `false` −∞. */
function additiveMask(mask: Tensor | null, shape: number[], dtype: Tensor['dtype']): Tensor | null {
  if (!mask) return null;
  if (mask.ndim > shape.length || mask.shape.some((d, i) => d !== 1 && d !== shape[shape.length - mask.ndim + i])) {
    throw new Error(`scaledDotProductAttention: the mask ${fmtShape(mask.shape)} does not broadcast to the scores ${fmtShape(shape)}`);
  }
  if (mask.dtype === 'bool') return elementwise('where', [mask, 0, -Infinity]).to(dtype);
  if (!isFloat(mask.dtype)) throw new TypeError(`scaledDotProductAttention: expected a bool or float mask, got ${mask.dtype}`);
  return cast(mask, dtype);
}

/** The tensor itself when its last dim is dense (stride 1), else a contiguous copy: what the kernels read. */
function lastDimDense(t: Tensor): Tensor {
  return t.strides[t.ndim - 1] === 1 || t.shape[t.ndim - 1] === 1 ? t : t.contiguous();
}

/** The scores q·kᵀ·scale + mask, with −∞ above the diagonal when causal. */
function scores(q: Tensor, k: Tensor, mask: Tensor | null, causal: boolean, scale: number): Tensor {
  let s = matmul(q, k.mT).mul(scale);
  if (mask) s = s.add(mask);
  if (causal) {
    const [L, S] = s.shape.slice(-2);
    const allowed = arange(L, { dtype: 'int32', device: q.device }).unsqueeze(1).ge(arange(S, { dtype: 'int32', device: q.device }));
    s = elementwise('where', [allowed, s, -Infinity]);
  }
  return s;
}

function composedForward(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, causal: boolean, scale: number): Tensor {
  return matmul(softmax(scores(q, k, mask, causal, scale), -1), v);
}

/** The composition, recorded op by op (with dropout, or a mask that takes a gradient). */
function composed(q: Tensor, k: Tensor, v: Tensor, o: { mask: Tensor | null; causal: boolean; scale: number; dropout: number; generator?: Generator }): Tensor {
  let p = softmax(scores(q, k, o.mask, o.causal, o.scale), -1);
  if (o.dropout > 0) p = p.mul(dropoutMask(p.shape, o.dropout, { generator: o.generator, dtype: p.dtype, device: p.device }));
  return matmul(p, v);
}

function composedBackward(grad: Tensor, q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, causal: boolean, scale: number): [Tensor, Tensor, Tensor] {
  const p = softmax(scores(q, k, mask, causal, scale), -1);
  const dv = matmul(p.mT, grad);
  const ds = softmaxBackward(matmul(grad, v.mT), p, -1).mul(scale);
  return [matmul(ds, k), matmul(ds.mT, q), dv];
}

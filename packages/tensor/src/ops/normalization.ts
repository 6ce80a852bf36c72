/**
 * Layer normalisation as one op (`F.layer_norm`): each row of the trailing `normalizedShape` dims is shifted to
 * zero mean and scaled to unit (biased) variance, then by `weight` and `bias`. Backends may run it, forward and
 * backward, as one kernel (`Backend.layerNorm`); elsewhere it is composed from reductions and elementwise ops,
 * which is also the reference the kernel is tested against. Its gradient is one rule.
 */
import type { LayerNormViews, LayerNormGradViews } from '../backend.js';
import { isFloat } from '../dtype.js';
import { fmtShape, numel } from '../shape.js';
import { releaseTemporaries } from '../storage.js';
import type { Tensor } from '../tensor.js';
import { deviceOf, empty, viewOf } from './core.js';
import { record } from './record.js';
import { unrecorded } from './unrecorded.js';
import { reshape } from './views.js';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Multiplies each normalised element (shape `normalizedShape`); none when omitted. */
  weight?: Tensor | null;
  /** Added after the weight (shape `normalizedShape`); none when omitted. */
  bias?: Tensor | null;
  /** Added to the variance before the square root. Default 1e-5, PyTorch's. */
  eps?: number;
}

interface Saved {
  normalizedShape: number[];
  eps: number;
  /** Each row's mean and 1/√(variance + eps), [rows]. */
  mean: Tensor;
  rstd: Tensor;
  hasWeight: boolean;
  hasBias: boolean;
}

/**
 * Layer normalisation over the last dims, as `torch.nn.functional.layer_norm`: y = (x − mean)/√(var + eps)·weight +
 * bias, with the mean and biased variance of each row of `normalizedShape` elements.
 * @example const y = layerNorm(x, [64], { weight, bias }); // x [B, T, 64]
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], opts: LayerNormOptions = {}): Tensor {
  const op = 'layerNorm';
  const { weight = null, bias = null, eps = 1e-5 } = opts;
  const backend = deviceOf(op, [x, ...(weight ? [weight] : []), ...(bias ? [bias] : [])]);
  const shape = [...normalizedShape];
  const tail = x.shape.slice(x.ndim - shape.length);
  if (shape.length === 0 || x.ndim < shape.length || tail.some((d, i) => d !== shape[i])) {
    throw new Error(`${op}: expected input with shape [*, ${shape.join(', ')}], but got input of size ${fmtShape(x.shape)}`);
  }
  if (!isFloat(x.dtype)) throw new TypeError(`${op}: expected a floating point input, got ${x.dtype}`);
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i]))) throw new Error(`${op}: expected ${name} of shape ${fmtShape(shape)}, got ${fmtShape(t.shape)}`);
    if (t && t.dtype !== x.dtype) throw new TypeError(`${op}: expected ${name} of dtype ${x.dtype}, got ${t.dtype}`);
  }
  if (!(eps >= 0)) throw new RangeError(`${op}: eps must be a non-negative number, got ${eps}`);
  const N = numel(shape);
  const rows = N === 0 ? 0 : x.numel / N;
  const result: { out: Tensor; mean: Tensor; rstd: Tensor } = unrecorded(
    () => {
      const x2 = rowsOf(x, rows, N);
      const out = empty(backend, x.dtype, [rows, N]);
      const mean = empty(backend, x.dtype, [rows]);
      const rstd = empty(backend, x.dtype, [rows]);
      const views: LayerNormViews = { out: viewOf(out), mean: viewOf(mean), rstd: viewOf(rstd), x: viewOf(x2), weight: vec(weight, N), bias: vec(bias, N), eps };
      if (rows > 0 && backend.layerNorm?.(views)) return { out, mean, rstd };
      for (const t of [out, mean, rstd]) t.storage.release();
      return composedForward(x2, weight && reshape(weight, [N]), bias && reshape(bias, [N]), eps);
    },
    (r) => [r.out.storage, r.mean.storage, r.rstd.storage],
  );
  const saved: Saved = { normalizedShape: shape, eps, mean: result.mean, rstd: result.rstd, hasWeight: weight !== null, hasBias: bias !== null };
  const inputs = [x, ...(weight ? [weight] : []), ...(bias ? [bias] : [])];
  return record(op, inputs, reshape(result.out, [...x.shape]), saved as unknown as Record<string, unknown>);
}

/**
 * The gradients of {@link layerNorm} with respect to x, weight and bias (null where the op had none), from the
 * gradient of its output and the op's saved values. One kernel where the backend has one. Not recorded.
 * @example const [dx, dw, db] = layerNormBackward(grad, x, weight, saved);
 */
export function layerNormBackward(grad: Tensor, x: Tensor, weight: Tensor | null, saved: Readonly<Record<string, unknown>>): [Tensor, Tensor | null, Tensor | null] {
  const { normalizedShape, mean, rstd, hasBias } = saved as unknown as Saved;
  const N = numel(normalizedShape);
  const rows = N === 0 ? 0 : x.numel / N;
  const backend = x.storage.backend;
  return releaseTemporaries(
    (): [Tensor, Tensor | null, Tensor | null] => {
      const [x2, g2] = [x, grad.expand([...x.shape])].map((t) => rowsOf(t, rows, N));
      const dx = empty(backend, x.dtype, [rows, N]);
      const dw = weight ? empty(backend, x.dtype, [N], 'zeros') : null;
      const db = hasBias ? empty(backend, x.dtype, [N], 'zeros') : null;
      const views: LayerNormGradViews = {
        dx: viewOf(dx), dweight: dw && viewOf(dw), dbias: db && viewOf(db), dout: viewOf(g2), x: viewOf(x2), weight: vec(weight, N), mean: viewOf(mean), rstd: viewOf(rstd),
      };
      const shaped = (t: Tensor | null, s: readonly number[]) => t && reshape(t, [...s]);
      if (rows > 0 && backend.layerNormBackward?.(views)) return [reshape(dx, [...x.shape]), shaped(dw, normalizedShape), shaped(db, normalizedShape)];
      for (const t of [dx, dw, db]) t?.storage.release();
      const [cdx, cdw, cdb] = composedBackward(g2, x2, weight && reshape(weight, [N]), mean, rstd, hasBias);
      return [reshape(cdx, [...x.shape]), shaped(cdw, normalizedShape), shaped(cdb, normalizedShape)];
    },
    (r) => r.filter((t): t is Tensor => t !== null).map((t) => t.storage),
  );
}

/** x as [rows, N] with its rows dense (a view where possible, else a contiguous copy). */
function rowsOf(x: Tensor, rows: number, N: number): Tensor {
  const t = reshape(x, [rows, N]);
  return t.strides[1] === 1 || N === 1 ? t : t.contiguous();
}

/** The kernel's view of a weight or bias: [N] with stride 1 (contiguous), or null. */
function vec(t: Tensor | null, N: number) {
  return t ? viewOf(reshape(t.contiguous(), [N])) : null;
}

function composedForward(x: Tensor, weight: Tensor | null, bias: Tensor | null, eps: number) {
  const mean = x.mean(1, true);
  const centred = x.sub(mean);
  const rstd = centred.mul(centred).mean(1, true).add(eps).rsqrt();
  let out = centred.mul(rstd);
  if (weight) out = out.mul(weight);
  if (bias) out = out.add(bias);
  return { out, mean: mean.reshape([-1]), rstd: rstd.reshape([-1]) };
}

function composedBackward(g: Tensor, x: Tensor, weight: Tensor | null, mean: Tensor, rstd: Tensor, hasBias: boolean): [Tensor, Tensor | null, Tensor | null] {
  const r = rstd.unsqueeze(1);
  const xhat = x.sub(mean.unsqueeze(1)).mul(r);
  const gw = weight ? g.mul(weight) : g;
  const dx = gw.sub(gw.mean(1, true)).sub(xhat.mul(gw.mul(xhat).mean(1, true))).mul(r);
  return [dx, weight ? g.mul(xhat).sum(0) : null, hasBias ? g.sum(0) : null];
}

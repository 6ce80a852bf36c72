import { meanCrossEntropy, where, type Tensor } from '@typegrad/tensor';
import { reduce, sameShape, type Reduction } from './reduction.js';

/** Options of the class-index losses, as PyTorch's keyword arguments. */
export interface ClassLossOptions {
  reduction?: Reduction;
  /** Target value to skip (it adds nothing to the loss or to the mean's count). Default −100. */
  ignoreIndex?: number;
  /** A weight per class (1-d, length C). */
  weight?: Tensor;
}

/** Moves the class dim (1) last and flattens the rest: [N, C, d1, …] → [N·d1·…, C]. */
function classesLast(op: string, x: Tensor, target: Tensor): { flat: Tensor; labels: Tensor } {
  if (x.ndim < 1) throw new Error(`${op}: input must have at least 1 dim, got a 0-d tensor`);
  if (x.ndim === 1) return { flat: x.unsqueeze(0), labels: target.reshape([1]) };
  const c = x.shape[1];
  const expected = [x.shape[0], ...x.shape.slice(2)];
  if (target.ndim !== expected.length || target.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${op}: expected target of shape [${expected.join(', ')}] for input [${x.shape.join(', ')}] (class dim 1), got [${target.shape.join(', ')}]`);
  }
  const perm = [0, ...x.shape.slice(2).map((_, i) => i + 2), 1];
  return { flat: x.permute(perm).reshape([-1, c]), labels: target.reshape([-1]) };
}

/** Throws on a label out of range; returns whether some label may be `ignoreIndex` (always true where it cannot read them). */
function checkLabels(op: string, labels: Tensor, classes: number, ignoreIndex: number): boolean {
  if (labels.dtype !== 'int32') throw new TypeError(`${op}: expected target to be int32 class indices, got ${labels.dtype}`);
  if (!labels.storage.backend.syncRead) return true;
  let ignored = false;
  for (const v of labels.dataSync()) {
    if (v === ignoreIndex) ignored = true;
    else if (v < 0 || v >= classes) throw new RangeError(`${op}: target ${v} is out of bounds for ${classes} classes`);
  }
  return ignored;
}

/**
 * Negative log-likelihood of class indices given log-probabilities (class dim 1), as `F.nll_loss`. The mean is
 * weighted: Σ wᵢ·lossᵢ / Σ wᵢ over targets that are not ignored.
 */
export function nllLoss(logProbs: Tensor, target: Tensor, opts: ClassLossOptions = {}): Tensor {
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const { flat, labels } = classesLast('nllLoss', logProbs, target);
  const ignored = checkLabels('nllLoss', labels, flat.shape[1], ignoreIndex);
  if (!ignored && !opts.weight && (opts.reduction ?? 'mean') === 'mean') {
    // the common case in fewer ops (a training step's loss): every label counts once, so the mean is −Σ picked / N
    return flat.gather(1, labels.unsqueeze(1)).sum().div(-labels.shape[0]);
  }
  const keep = labels.ne(ignoreIndex);
  const safe = where(keep, labels, 0);
  let w = keep.to(flat.dtype);
  if (opts.weight) w = w.mul(opts.weight.indexSelect(0, safe));
  const picked = flat.gather(1, safe.unsqueeze(1)).squeeze(1);
  const losses = picked.neg().mul(w);
  return finish(losses, w, opts.reduction, logProbs, target);
}

function finish(losses: Tensor, w: Tensor, reduction: Reduction = 'mean', input: Tensor, target: Tensor): Tensor {
  if (reduction === 'mean') return losses.sum().div(w.sum());
  if (reduction === 'none') return input.ndim === 1 ? losses.reshape([]) : losses.reshape([...target.shape]);
  return reduce(losses, reduction);
}

/**
 * Cross-entropy of logits (class dim 1: [N, C] or [N, C, d1, …]; for a model's [B, T, C] output reshape to
 * [B·T, C]) against int32 class indices, or against class probabilities of the input's shape, as `F.cross_entropy`.
 * Computed as log-softmax then NLL, so logits of any size stay finite. Supports class weights, `ignoreIndex` and
 * `labelSmoothing` with PyTorch's formulas.
 * @example const loss = crossEntropy(logits, Y); // logits [32, 27], Y int32 [32]
 */
export function crossEntropy(logits: Tensor, target: Tensor, opts: ClassLossOptions & { labelSmoothing?: number } = {}): Tensor {
  const eps = opts.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must be between 0.0 and 1.0, got ${eps}`);
  const classDim = logits.ndim === 1 ? 0 : 1;
  if (eps === 0 && target.dtype === 'int32' && logits.ndim === 2 && !opts.weight && (opts.reduction ?? 'mean') === 'mean') {
    // a training step's loss: one op, the same bits as log-softmax then NLL (where no label may be ignored)
    const { flat, labels } = classesLast('crossEntropy', logits, target);
    if (!checkLabels('crossEntropy', labels, flat.shape[1], opts.ignoreIndex ?? -100)) return meanCrossEntropy(flat, labels);
  }
  const logp = logits.logSoftmax(classDim);
  const c = logits.shape[classDim];
  if (target.dtype !== 'int32') return softTargets(logp, target, classDim, c, eps, opts);
  const nll = nllLoss(logp, target, opts);
  if (eps === 0) return nll;
  // smoothing spreads ε of the target mass uniformly: loss = (1−ε)·nll + ε/C · Σ_c −w_c·log p_c
  const ignoreIndex = opts.ignoreIndex ?? -100;
  const { flat, labels } = classesLast('crossEntropy', logp, target);
  const keep = labels.ne(ignoreIndex).to(flat.dtype);
  const perClass = opts.weight ? flat.mul(opts.weight) : flat;
  const smooth = perClass.sum(1).neg().mul(keep);
  let smoothLoss: Tensor;
  if ((opts.reduction ?? 'mean') === 'mean') {
    const denom = opts.weight ? opts.weight.indexSelect(0, where(labels.ne(ignoreIndex), labels, 0)).mul(keep).sum() : keep.sum();
    smoothLoss = smooth.sum().div(denom);
  } else if (opts.reduction === 'sum') smoothLoss = smooth.sum();
  else smoothLoss = logits.ndim === 1 ? smooth.reshape([]) : smooth.reshape([...target.shape]);
  return nll.mul(1 - eps).add(smoothLoss.mul(eps / c));
}

function softTargets(logp: Tensor, target: Tensor, classDim: number, c: number, eps: number, opts: ClassLossOptions): Tensor {
  sameShape('crossEntropy', logp, target);
  let t = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
  if (opts.weight) {
    const shape = logp.shape.map((_, i) => (i === classDim ? c : 1));
    t = t.mul(opts.weight.reshape(shape));
  }
  const losses = logp.mul(t).sum(classDim).neg();
  return (opts.reduction ?? 'mean') === 'mean' ? losses.mean() : reduce(losses, opts.reduction);
}

/**
 * Binary cross-entropy of probabilities, as `F.binary_cross_entropy` (log terms clamped at −100, as PyTorch,
 * so p = 0 or 1 gives a finite loss). The gradient is PyTorch's, (p − y)/max(p(1 − p), 1e-12), also finite there.
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: { weight?: Tensor; reduction?: Reduction } = {}): Tensor {
  sameShape('binaryCrossEntropy', input, target);
  // the chain rule through the clamped logs gives 0·∞ = NaN at p = 0 or 1, so the value is computed from p held
  // constant and p's gradient comes from the term (input − p)·dL/dp, which is 0 in value
  const p = input.detach();
  const logP = p.log().clamp(-100);
  const log1mP = p.neg().add(1).log().clamp(-100);
  const dLdp = p.sub(target).div(p.mul(p.neg().add(1)).clamp(1e-12));
  let loss = target.mul(logP).add(target.neg().add(1).mul(log1mP)).neg().add(input.sub(p).mul(dLdp));
  if (opts.weight) loss = loss.mul(opts.weight);
  return reduce(loss, opts.reduction);
}

/**
 * Binary cross-entropy on logits, as `F.binary_cross_entropy_with_logits`, in PyTorch's stable form
 * (1 − y)·x + w_y·(m + log(e^−m + e^(−x−m))) with m = max(−x, 0), where the last term is −log σ(x) and
 * w_y = 1 + (posWeight − 1)·y scales the positive term.
 */
export function binaryCrossEntropyWithLogits(
  logits: Tensor,
  target: Tensor,
  opts: { weight?: Tensor; posWeight?: Tensor; reduction?: Reduction } = {},
): Tensor {
  sameShape('binaryCrossEntropyWithLogits', logits, target);
  // m only keeps the exponents ≤ 0 and the sum does not depend on it, so it is held constant: the gradient of
  // −log σ(x) is then −σ(−x) at every x, where differentiating through the kinks of max(−x, 0) or |x| is wrong at 0
  const m = logits.neg().relu().detach();
  const logSigNeg = m.add(m.neg().exp().add(logits.neg().sub(m).exp()).log()); // −log σ(x)
  const positive = opts.posWeight ? target.mul(opts.posWeight.sub(1)).add(1).mul(logSigNeg) : logSigNeg;
  let loss = target.neg().add(1).mul(logits).add(positive);
  if (opts.weight) loss = loss.mul(opts.weight);
  return reduce(loss, opts.reduction);
}

/**
 * Fraction of correct predictions: `input` is logits/probabilities [N, C] (argmax over dim 1) or predicted labels
 * [N]; `target` is int32 labels [N]. Returns a 0-d float32 tensor.
 */
export function accuracy(input: Tensor, target: Tensor): Tensor {
  const predicted = input.dtype === 'int32' && input.ndim === target.ndim ? input : input.argmax(input.ndim === 1 ? 0 : 1);
  sameShape('accuracy', predicted, target);
  return predicted.eq(target).to('float32').mean();
}

/**
 * Cross-entropy of logits against class indices averaged over the rows, as one recorded op: the common case of
 * `F.cross_entropy` (every label counts once, no class weights), which a training step computes every time.
 * Its value and gradient are the bits of the ops it stands for — log-softmax, gather, sum and division by −N —
 * with one graph node and two tensors in place of five of each.
 */
import { fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { deviceOf, empty, viewOf } from './core.js';
import { elementwise } from './elementwise.js';
import { gather } from './indexing.js';
import { record } from './record.js';
import { logSoftmax, logSoftmaxBackward, sum } from './reduction.js';
import { unrecorded } from './unrecorded.js';
import { expand, unsqueeze } from './views.js';

function checkArgs(op: string, logits: Tensor, target: Tensor): void {
  if (logits.ndim !== 2) throw new Error(`${op}: expected logits of shape [N, C], got ${fmtShape(logits.shape)}`);
  if (logits.dtype !== 'float32' && logits.dtype !== 'float64') throw new TypeError(`${op}: expected float logits, got ${logits.dtype}`);
  if (target.dtype !== 'int32') throw new TypeError(`${op}: expected target to be int32 class indices, got ${target.dtype}`);
  if (target.ndim !== 1 || target.shape[0] !== logits.shape[0]) {
    throw new Error(`${op}: expected target of shape ${fmtShape([logits.shape[0]])} for logits ${fmtShape(logits.shape)}, got ${fmtShape(target.shape)}`);
  }
}

/** What `unrecorded` keeps: the tensors returned. */
const storages = (kept: readonly Tensor[]) => kept.map((t) => t.storage);

/**
 * The mean over rows of −log softmax(logits)[i, target[i]], for logits [N, C] and int32 class indices [N] (each in
 * [0, C)); a 0-d tensor. Equal, bit for bit, to `logSoftmax(logits, 1).gather(1, target.unsqueeze(1)).sum().div(-N)`.
 * @example const loss = meanCrossEntropy(logits, Y); // logits [32, 27], Y int32 [32]
 */
export function meanCrossEntropy(logits: Tensor, target: Tensor): Tensor {
  const backend = deviceOf('meanCrossEntropy', [logits, target]);
  checkArgs('meanCrossEntropy', logits, target);
  const n = logits.shape[0];
  const [logp, loss] = unrecorded(() => {
    const lp = logSoftmax(logits, 1);
    if (backend.nllLossMean) {
      const out = empty(backend, logits.dtype, [], 'any', 'meanCrossEntropy');
      if (backend.nllLossMean(viewOf(out), viewOf(lp), viewOf(target))) return [lp, out];
    }
    // composed: the backend reads the picked log-probabilities back in `gather`, whose index check names the op
    return [lp, elementwise('div', [sum(gather(lp, 1, unsqueeze(target, 1))), -n])];
  }, storages);
  return record('meanCrossEntropy', [logits], loss, { logp, target });
}

/**
 * The gradient of {@link meanCrossEntropy} with respect to the logits, from the gradient `grad` of the loss and the
 * forward's log-probabilities `logp`: logSoftmaxBackward of a one-hot gradient holding grad / −N at each target.
 * Not recorded: for backward passes.
 * @example const dlogits = meanCrossEntropyBackward(ones([]), logp, Y);
 */
export function meanCrossEntropyBackward(grad: Tensor, logp: Tensor, target: Tensor): Tensor {
  const backend = deviceOf('meanCrossEntropyBackward', [grad, logp, target]);
  const [n, c] = logp.shape;
  const [dlogits] = unrecorded(() => {
    // the mean's gradient, divided as the forward's division differentiates, scattered into zeros at the targets
    const each = elementwise('div', [grad, -n]);
    const dlogp = empty(backend, logp.dtype, [n, c], 'zeros', 'meanCrossEntropyBackward');
    if (n > 0) backend.scatterAdd(viewOf(dlogp), 1, viewOf(unsqueeze(target, 1)), viewOf(expand(each.reshape([1, 1]), [n, 1])));
    return [logSoftmaxBackward(dlogp, logp, 1)];
  }, storages);
  return dlogits;
}

import { noGrad } from '@typegrad/autograd';
import { Embedding, Linear, crossEntropy, type Module } from '@typegrad/nn';
import { AdamW, clipGradNorm, type AdamOptions } from '@typegrad/optim';
import type { Tensor } from '@typegrad/tensor';

/**
 * The loss of a language model: cross-entropy of logits [B, T, V] against the next tokens [B, T], averaged over
 * every position whose target is not `ignoreIndex` (default −1, nanoGPT's).
 * @example const loss = languageModelLoss(model.forward(x), y);
 */
export function languageModelLoss(logits: Tensor, targets: Tensor, opts: { ignoreIndex?: number } = {}): Tensor {
  const V = logits.shape[logits.ndim - 1];
  return crossEntropy(logits.reshape([-1, V]), targets.reshape([-1]), { ignoreIndex: opts.ignoreIndex ?? -1 });
}

/**
 * AdamW with two parameter groups, as minGPT configures it: weight decay on the weights of linear layers only; none
 * on biases, LayerNorm weights and embeddings (a weight shared by an embedding and a linear layer, as a tied
 * language-model head, counts as an embedding).
 * @example const optimizer = configureOptimizer(model, { lr: 1e-3, weightDecay: 0.1, betas: [0.9, 0.99] });
 */
export function configureOptimizer(model: Module, opts: Partial<AdamOptions> & { weightDecay?: number } = {}): AdamW {
  const embeddings = new Set<Tensor>();
  const linears = new Set<Tensor>();
  for (const m of model.modules()) {
    if (m instanceof Embedding) embeddings.add(m.weight);
    if (m instanceof Linear) linears.add(m.weight);
  }
  const decay: Tensor[] = [];
  const noDecay: Tensor[] = [];
  for (const p of model.parameters()) (linears.has(p) && !embeddings.has(p) ? decay : noDecay).push(p);
  const { weightDecay = 0.1, ...rest } = opts;
  const groups = [{ params: decay, weightDecay }, { params: noDecay, weightDecay: 0 }].filter((g) => g.params.length > 0);
  return new AdamW(groups, rest);
}

/**
 * nanoGPT's learning rate at iteration `it`: a linear warmup to `lr` over `warmupIters`, then a cosine decay to
 * `minLr` at `lrDecayIters`, then `minLr`.
 * @example for (const g of optimizer.paramGroups) g.lr = nanoGPTLearningRate(it, { lr: 1e-3, warmupIters: 100, lrDecayIters: 2000, minLr: 1e-4 });
 */
export function nanoGPTLearningRate(it: number, o: { lr: number; warmupIters: number; lrDecayIters: number; minLr: number }): number {
  if (it < o.warmupIters) return (o.lr * (it + 1)) / (o.warmupIters + 1);
  if (it > o.lrDecayIters) return o.minLr;
  const ratio = (it - o.warmupIters) / (o.lrDecayIters - o.warmupIters);
  const coeff = 0.5 * (1 + Math.cos(Math.PI * ratio));
  return o.minLr + coeff * (o.lr - o.minLr);
}

/** Options of {@link trainStep}. */
export interface TrainStepOptions {
  /** Clip the gradients' global norm to this before stepping (nanoGPT's grad_clip). */
  clipNorm?: number;
}

/**
 * One optimisation step over several micro-batches (gradient accumulation): each micro-batch's loss, divided by
 * their count, is backpropagated; then the gradients are clipped and the optimizer steps. Returns the mean loss.
 * @example const loss = await trainStep(optimizer, [[x1, y1], [x2, y2]], (x, y) => languageModelLoss(model.forward(x), y), { clipNorm: 1 });
 */
export async function trainStep(
  optimizer: AdamW, microBatches: readonly (readonly [Tensor, Tensor])[], loss: (x: Tensor, y: Tensor) => Tensor, opts: TrainStepOptions = {},
): Promise<number> {
  if (microBatches.length === 0) throw new Error('trainStep: no micro-batches');
  optimizer.zeroGrad();
  let total = 0;
  for (const [x, y] of microBatches) {
    const l = loss(x, y);
    l.div(microBatches.length).backward();
    total += await l.item();
  }
  if (opts.clipNorm !== undefined) clipGradNorm(optimizer.paramGroups.flatMap((g) => g.params), opts.clipNorm);
  optimizer.step();
  return total / microBatches.length;
}

/**
 * The mean loss over batches without recording gradients, in eval mode (nanoGPT's estimate_loss over eval_iters).
 * @example const val = await estimateLoss(model, 200, () => getBatch('val'), (x, y) => languageModelLoss(model.forward(x), y));
 */
export async function estimateLoss(model: Module, iters: number, batch: () => readonly [Tensor, Tensor], loss: (x: Tensor, y: Tensor) => Tensor): Promise<number> {
  const wasTraining = model.training;
  model.eval();
  try {
    let total = 0;
    for (let i = 0; i < iters; i++) {
      const [x, y] = batch();
      total += await noGrad(() => loss(x, y)).item();
    }
    return total / iters;
  } finally {
    model.train(wasTraining);
  }
}

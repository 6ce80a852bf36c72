/** The optimizers a model trains with: SparseAdam on its embedding tables, Adam on the rest, one schedule for both. */
import { Adam, SparseAdam, type LrOptions, type Optimizer } from '@typegrad/optim';
import type { RatingModel } from '../models/rating-model.js';

/**
 * SparseAdam for the embedding tables (their gradients are row-sparse, so a step costs the batch's rows, not the
 * catalogue) and Adam for the dense layers, as PyTorch pairs them.
 * @example const optimizers = optimizersFor(model, 0.01); // [SparseAdam] for mf, [SparseAdam, Adam] for nn
 */
export function optimizersFor(model: RatingModel, lr: number): Optimizer<LrOptions>[] {
  const dense = model.denseParameters();
  const optimizers: Optimizer<LrOptions>[] = [new SparseAdam(model.sparseParameters(), { lr })];
  if (dense.length) optimizers.push(new Adam(dense, { lr }));
  return optimizers;
}

/**
 * The learning rate at a step of a cosine schedule from `lr` down to 0 over `total` steps (step 0 is the first).
 * @example cosineLr(0, 100, 0.01) // 0.01
 */
export function cosineLr(step: number, total: number, lr: number): number {
  return 0.5 * lr * (1 + Math.cos((Math.PI * step) / Math.max(1, total)));
}

/** Sets every group's learning rate. */
export function setLr(optimizers: readonly Optimizer<LrOptions>[], lr: number): void {
  for (const o of optimizers) for (const group of o.paramGroups) group.lr = lr;
}

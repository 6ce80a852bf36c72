import { noGrad } from '@typegrad/autograd';
import { DataLoader, TensorDataset } from '@typegrad/datasets';
import { crossEntropy } from '@typegrad/nn';
import type { Tensor } from '@typegrad/tensor';
import { IGNORE, targetCount, type Examples } from '../data/examples.js';
import type { LanguageModel } from '../models/language-model.js';

/**
 * The mean cross-entropy (negative log-likelihood, in nats) of the model on examples, per character predicted,
 * without recording gradients, in batches of `batchSize` rows so memory stays bounded.
 * @example const dev = await evaluateLoss(model, splits.dev); // 2.14
 */
export async function evaluateLoss(model: LanguageModel, examples: Examples, options: { batchSize?: number } = {}): Promise<number> {
  const n = targetCount(examples);
  if (n === 0) return NaN;
  const wasTraining = model.training;
  model.eval();
  try {
    let total = 0;
    // rows are contexts, or whole names for a sequence model: about as many positions per batch either way
    const rows = examples.Y.ndim === 2 ? Math.max(1, Math.floor(8192 / examples.Y.shape[1])) : 8192;
    const loader = new DataLoader(new TensorDataset(examples.X, examples.Y), { batchSize: options.batchSize ?? rows });
    for await (const [x, y] of loader) {
      const sum: Tensor = noGrad(() => crossEntropy(model.forward(x), y.reshape([-1]), { reduction: 'sum', ignoreIndex: IGNORE }));
      total += await sum.item();
    }
    return total / n;
  } finally {
    model.train(wasTraining);
  }
}

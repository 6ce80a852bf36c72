import { buffer, Module } from '@typegrad/nn';
import { ones, zeros, type Tensor } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';
import { checkTemperature, type LanguageModel } from './language-model.js';

/**
 * The first lecture's model: a table N of how often each character follows each other, smoothed and normalised
 * by rows: `P = (N + 1).float(); P /= P.sum(1, keepdims=True)`. It is fitted by counting, not trained.
 * @example
 * const model = new BigramCounts(modelConfig('bigram-counts', 27)).fit(X, Y);
 * model.table().shape; // [27, 27], rows sum to 1
 */
export class BigramCounts extends Module implements LanguageModel {
  static readonly typeName = 'BigramCounts';

  /** The counts: N[i, j] is how often character j followed character i in the training examples. */
  N: Tensor;

  constructor(readonly config: ModelConfig) {
    super();
    this.N = buffer(zeros([config.vocabSize, config.vocabSize]));
  }

  /** Counts the pairs (last context character, next character) of examples X [n, 1], Y [n]; adds to earlier counts. */
  fit(X: Tensor, Y: Tensor): this {
    const V = this.config.vocabSize;
    // N[x, y] += 1 for every pair, as one indexAdd into the flattened table (exact: counts stay far below 2^24)
    const pairs = lastColumn(X).mul(V).add(Y);
    const counts = zeros([V * V], { device: this.N.device }).indexAdd(0, pairs, ones([Y.shape[0]], { device: this.N.device }));
    this.N.add_(counts.reshape([V, V]));
    return this;
  }

  /** The smoothed, row-normalised table P (float32, [V, V]), computed as the lecture computes it. */
  table(): Tensor {
    const P = this.N.add(this.config.smoothing);
    return P.div(P.sum({ dim: 1, keepdim: true }));
  }

  forward(context: Tensor): Tensor {
    return this.table().log().indexSelect(0, lastColumn(context));
  }

  probs(context: Tensor, temperature = 1): Tensor {
    checkTemperature(temperature);
    const rows = this.table().indexSelect(0, lastColumn(context));
    if (temperature === 1) return rows;
    const sharpened = rows.pow(1 / temperature);
    return sharpened.div(sharpened.sum({ dim: 1, keepdim: true }));
  }

  override extraRepr(): string {
    return `vocab=${this.config.vocabSize}, smoothing=${this.config.smoothing}`;
  }
}

/** The last character of each context: ctx[:, -1]. @example lastColumn(tensor([[0, 5, 13]], { dtype: 'int32' })) // [13] */
export function lastColumn(context: Tensor): Tensor {
  if (context.ndim !== 2) throw new Error(`expected contexts of shape [B, blockSize], got [${context.shape.join(', ')}]`);
  return context.select(1, context.shape[1] - 1).contiguous();
}

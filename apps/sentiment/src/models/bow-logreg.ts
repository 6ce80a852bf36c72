import { Dropout, init, Linear, Module } from '@typegrad/nn';
import type { Generator, Tensor } from '@typegrad/tensor';
import type { BowLogRegConfig } from './config.js';

/**
 * Logistic regression on bags of words: logits = W · dropout(x) + b, x a text's n-gram counts or tf-idf vector.
 * The weights start at zero (the convex problem's usual start), so the first predictions are uniform.
 * @example const model = new BowLogReg({ kind: 'bow-logreg', numFeatures: 5000, numClasses: 2, dropout: 0.1 }, g);
 */
export class BowLogReg extends Module {
  static readonly typeName = 'BowLogReg';

  readonly drop: Dropout;
  readonly linear: Linear;

  constructor(
    readonly config: BowLogRegConfig,
    generator?: Generator,
  ) {
    super();
    this.drop = new Dropout(config.dropout, { generator });
    this.linear = new Linear(config.numFeatures, config.numClasses, { generator });
    init.zeros_(this.linear.weight);
    init.zeros_(this.linear.bias!);
  }

  /** Vectors [B, numFeatures] → logits [B, numClasses]. */
  forward(x: Tensor): Tensor {
    return this.linear.forward(this.drop.forward(x));
  }
}

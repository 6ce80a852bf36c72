import { Module, parameter } from '@typegrad/nn';
import { oneHot, randn, type Generator, type Tensor } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';
import { lastColumn } from './bigram-counts.js';
import { checkTemperature, type LanguageModel } from './language-model.js';

/**
 * The second lecture's one-layer network: logits = onehot(x) @ W, with `W = torch.randn((27, 27), generator=g)`.
 * With `input: 'embedding'` the product is computed as the row lookup W[x] (the same numbers, faster), which is
 * what an Embedding layer does.
 * @example
 * const net = new BigramNet(modelConfig('bigram', 27, { input: 'one-hot' }), new Generator().manualSeed(2147483647));
 * const loss = crossEntropy(net.forward(X), Y);
 */
export class BigramNet extends Module implements LanguageModel {
  static readonly typeName = 'BigramNet';

  /** The weights [V, V]: row i holds the logits of the character after character i. */
  W: Tensor;

  constructor(
    readonly config: ModelConfig,
    generator?: Generator,
  ) {
    super();
    this.W = parameter(randn([config.vocabSize, config.vocabSize], { generator }));
  }

  forward(context: Tensor): Tensor {
    const x = lastColumn(context);
    if (this.config.input === 'one-hot') return oneHot(x, this.config.vocabSize).float().matmul(this.W);
    return this.W.indexSelect(0, x);
  }

  probs(context: Tensor, temperature = 1): Tensor {
    checkTemperature(temperature);
    return this.forward(context).div(temperature).softmax(1);
  }

  override extraRepr(): string {
    return `vocab=${this.config.vocabSize}, input=${this.config.input}`;
  }
}

import { noGrad } from '@typegrad/autograd';
import { Embedding, Linear, Module } from '@typegrad/nn';
import { Generator, randn, type Tensor } from '@typegrad/tensor';
import type { ModelConfig } from './config.js';
import { checkTemperature, type LanguageModel } from './language-model.js';

/**
 * The MLP of Bengio et al. (2003) as the lecture builds it: embed each of the `blockSize` context characters
 * (C, [V, embDim]), concatenate, a tanh hidden layer (W1, b1), and the output layer (W2, b2).
 *
 * The weights are drawn from `generator` in the lecture's order, `C, W1, b1, W2, b2 = torch.randn(…)`, so with
 * the lecture's seed they are the lecture's numbers; `init: 'kaiming'` then scales them as the next lecture does
 * (W1 · (5/3)/√fan_in, b1 · 0.01, W2 · 0.01, b2 · 0), which trains faster and further.
 *
 * @example
 * const mlp = new MLP(modelConfig('mlp', 27), new Generator().manualSeed(2147483647));
 * mlp.forward(X.index(ix)); // logits [32, 27]
 */
export class MLP extends Module implements LanguageModel {
  static readonly typeName = 'MLP';

  /** C: one embedding row per character. */
  emb: Embedding;
  /** W1 (stored transposed, as nn.Linear keeps it) and b1. */
  hidden: Linear;
  /** W2 (transposed) and b2. */
  out: Linear;

  constructor(
    readonly config: ModelConfig,
    generator?: Generator,
  ) {
    super();
    const { vocabSize: V, blockSize, embDim, hidden } = config;
    const fanIn = blockSize * embDim;
    const scratch = { generator: new Generator() }; // the layers' own initialisation, overwritten below
    this.emb = new Embedding(V, embDim, scratch);
    this.hidden = new Linear(fanIn, hidden, scratch);
    this.out = new Linear(hidden, V, scratch);
    const draw = (shape: number[]) => randn(shape, { generator });
    const C = draw([V, embDim]);
    let W1 = draw([fanIn, hidden]);
    let b1 = draw([hidden]);
    let W2 = draw([hidden, V]);
    let b2 = draw([V]);
    if (config.init === 'kaiming') {
      W1 = W1.mul((5 / 3) / Math.sqrt(fanIn));
      b1 = b1.mul(0.01);
      W2 = W2.mul(0.01);
      b2 = b2.mul(0);
    }
    noGrad(() => {
      this.emb.weight.copy_(C);
      this.hidden.weight.copy_(W1.T);
      this.hidden.bias!.copy_(b1);
      this.out.weight.copy_(W2.T);
      this.out.bias!.copy_(b2);
    });
  }

  forward(context: Tensor): Tensor {
    const emb = this.emb.forward(context); // [B, blockSize, embDim]
    const h = this.hidden.forward(emb.reshape([emb.shape[0], -1])).tanh();
    return this.out.forward(h);
  }

  probs(context: Tensor, temperature = 1): Tensor {
    checkTemperature(temperature);
    return this.forward(context).div(temperature).softmax(1);
  }

  override extraRepr(): string {
    const { blockSize, embDim, hidden, init } = this.config;
    return `block=${blockSize}, emb=${embDim}, hidden=${hidden}, init=${init}`;
  }
}

import { Module } from '@typegrad/nn';
import type { Generator, Tensor } from '@typegrad/tensor';
import { GPT } from '@typegrad/transformer';
import type { ModelConfig } from './config.js';
import { checkTemperature, type LanguageModel } from './language-model.js';

/**
 * makemore's transformer: a GPT over the characters of a name (Karpathy's makemore `Transformer`: `layers` blocks
 * of `heads` heads, width `embDim`, GELU in its tanh form, PyTorch's default initialisation, an untied output
 * layer). Unlike the other models it reads whole sequences and predicts the next character at every position:
 * a name is the boundary followed by its characters.
 * @example
 * const model = new NameTransformer(modelConfig('transformer', 27), new Generator().manualSeed(3407));
 * model.forward(X) // X int32 [B, T] → logits [B·T, 27]
 */
export class NameTransformer extends Module implements LanguageModel {
  static readonly typeName = 'NameTransformer';

  // the GPT's own modules, so state-dict names read as in makemore's PyTorch model ('transformer.h.0.attn.c_attn.weight')
  transformer: GPT['transformer'];
  lm_head: GPT['lm_head'];
  // a #private field: not a property the module walks, so the blocks are not listed twice
  readonly #gpt: GPT;

  constructor(
    readonly config: ModelConfig,
    generator?: Generator,
  ) {
    super();
    this.#gpt = new GPT(
      { vocabSize: config.vocabSize, blockSize: config.blockSize, nLayer: config.layers, nHead: config.heads, nEmbd: config.embDim, gelu: 'tanh', init: 'pytorch', tieWeights: false },
      { generator },
    );
    this.transformer = this.#gpt.transformer;
    this.lm_head = this.#gpt.lm_head;
  }

  /** Logits of the next character at every position, flattened: X int32 [B, T] → [B·T, vocabSize]. */
  forward(context: Tensor): Tensor {
    const logits = this.#gpt.forward(context);
    return logits.reshape([-1, this.config.vocabSize]);
  }

  /** Next-character probabilities after the last position of each context [B, t], t ≤ blockSize: [B, vocabSize]. */
  probs(context: Tensor, temperature = 1): Tensor {
    checkTemperature(temperature);
    const logits = this.#gpt.forward(context);
    return logits.select(1, logits.shape[1] - 1).div(temperature).softmax(1);
  }

  override extraRepr(): string {
    const { layers, heads, embDim, blockSize } = this.config;
    return `layers=${layers}, heads=${heads}, emb=${embDim}, block=${blockSize}`;
  }
}

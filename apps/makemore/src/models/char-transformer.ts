import { Module } from '@typegrad/nn';
import type { Generator, Tensor } from '@typegrad/tensor';
import { GPT } from '@typegrad/transformer';
import type { ModelConfig } from './config.js';
import { checkTemperature, type LanguageModel } from './language-model.js';

/**
 * A character-level GPT, in one of two builds. 'transformer' is makemore's over the characters of names
 * (Karpathy's makemore `Transformer`: GELU in its tanh form, biases, PyTorch's default initialisation, an untied
 * output layer; a name is the boundary followed by its characters). 'gpt' is nanoGPT's over a stream of text
 * (exact GELU, no biases, dropout, GPT-2's initialisation, the output layer tied to the token embedding). Unlike
 * the lectures' models they read whole sequences and predict the next character at every position.
 * @example
 * const model = new CharTransformer(modelConfig('transformer', 27), new Generator().manualSeed(3407));
 * model.forward(X) // X int32 [B, T] → logits [B·T, 27]
 */
export class CharTransformer extends Module implements LanguageModel {
  static readonly typeName = 'CharTransformer';

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
    const shape = { vocabSize: config.vocabSize, blockSize: config.blockSize, nLayer: config.layers, nHead: config.heads, nEmbd: config.embDim };
    const build = config.model === 'gpt'
      ? { dropout: config.dropout, bias: false, tieWeights: true, gelu: 'none', init: 'nanogpt' } as const
      : { dropout: config.dropout, gelu: 'tanh', init: 'pytorch', tieWeights: false } as const;
    this.#gpt = new GPT({ ...shape, ...build }, { generator });
    this.transformer = this.#gpt.transformer;
    this.lm_head = this.#gpt.lm_head;
  }

  /** Logits of the next character at every position, flattened: X int32 [B, T] → [B·T, vocabSize]. */
  forward(context: Tensor): Tensor {
    const logits = this.#gpt.forward(context);
    return logits.reshape([-1, this.config.vocabSize]);
  }

  /** The GPT underneath, for `generate` from @typegrad/transformer (logits [B, T, V], a KV cache). */
  causalLM(): GPT {
    return this.#gpt;
  }

  /** Next-character probabilities after the last position of each context [B, t], t ≤ blockSize: [B, vocabSize]. */
  probs(context: Tensor, temperature = 1): Tensor {
    checkTemperature(temperature);
    const logits = this.#gpt.forward(context);
    return logits.select(1, logits.shape[1] - 1).div(temperature).softmax(1);
  }

  override extraRepr(): string {
    const { model, layers, heads, embDim, blockSize } = this.config;
    return `${model}, layers=${layers}, heads=${heads}, emb=${embDim}, block=${blockSize}`;
  }
}

import { Dropout, Embedding, init, Linear, Module } from '@typegrad/nn';
import { where, type Generator, type Tensor } from '@typegrad/tensor';
import type { EmbeddingBagConfig } from './config.js';

/**
 * The course notes' text classifier: tokens → ids → embeddings → their mean over the sentence (padding left out)
 * → dropout → logits. Linear in the embeddings, so each token's share of a logit is exact (see `explain`).
 * Embeddings start N(0, 0.1²), the head as PyTorch's Linear.
 * @example const logits = model.forward(ids, ids.eq(0)); // ids int32 [B, T], padding mask bool [B, T]
 */
export class EmbeddingBag extends Module {
  static readonly typeName = 'EmbeddingBag';

  readonly embedding: Embedding;
  readonly drop: Dropout;
  readonly head: Linear;

  constructor(
    readonly config: EmbeddingBagConfig,
    generator?: Generator,
  ) {
    super();
    this.embedding = new Embedding(config.vocabSize, config.dim, { generator });
    init.normal_(this.embedding.weight, 0, 0.1, { generator });
    this.drop = new Dropout(config.dropout, { generator });
    this.head = new Linear(config.dim, config.numClasses, { generator });
  }

  /** The mean embedding of each row's tokens, padding (`true` in `paddingMask`) left out: [B, dim]. */
  pool(ids: Tensor, paddingMask: Tensor): Tensor {
    const keep = paddingMask.logicalNot().unsqueeze(2); // [B, T, 1]
    const summed = where(keep, this.embedding.forward(ids), 0).sum(1);
    return summed.div(keep.sum(1).clamp(1, null));
  }

  /** Ids [B, T] and their padding mask → logits [B, numClasses]. */
  forward(ids: Tensor, paddingMask: Tensor): Tensor {
    return this.head.forward(this.drop.forward(this.pool(ids, paddingMask)));
  }
}

import { noGrad } from '@typegrad/autograd';
import { Embedding, init, Linear, ModuleList } from '@typegrad/nn';
import { cat, zeros, type Generator, type Tensor } from '@typegrad/tensor';
import type { EmbeddingNNConfig } from './config.js';
import { rawOffset, RatingModel, squash, type UserRow } from './rating-model.js';

/**
 * fastai's `EmbeddingNN`, the course's neural alternative to the dot product: the user's and the item's embeddings
 * (each its own width) are concatenated and passed through ReLU layers to one output, squashed into the rating
 * range; μ's logit is added to that output so an untrained model predicts μ. Embeddings start N(0, 0.01²) with
 * sparse gradients; the linear layers start as PyTorch's.
 * @example const model = new EmbeddingNN(modelConfig('nn', { numUsers: 610, numItems: 9724, mean: 3.5, scale: [0.5, 5] }), g);
 */
export class EmbeddingNN extends RatingModel {
  static readonly typeName = 'EmbeddingNN';

  readonly userFactors: Embedding;
  readonly itemFactors: Embedding;
  readonly layers: ModuleList<Linear>;
  private readonly offset: number;

  constructor(
    readonly config: EmbeddingNNConfig,
    generator?: Generator,
  ) {
    super();
    const { numUsers, numItems, userFactors, itemFactors, hidden } = config;
    this.userFactors = new Embedding(numUsers, userFactors, { sparse: true });
    this.itemFactors = new Embedding(numItems, itemFactors, { sparse: true });
    init.normal_(this.userFactors.weight, 0, 0.01, { generator });
    init.normal_(this.itemFactors.weight, 0, 0.01, { generator });
    const widths = [userFactors + itemFactors, ...hidden, 1];
    this.layers = new ModuleList(widths.slice(1).map((w, k) => new Linear(widths[k], w, { generator })));
    this.offset = rawOffset(config.mean, config.yRange);
  }

  /** The ReLU layers and the output layer on concatenated embeddings [B, width] → raw outputs [B]. */
  private head(x: Tensor): Tensor {
    let h = x;
    const last = this.layers.length - 1;
    [...this.layers].forEach((layer, k) => {
      h = layer.forward(h);
      if (k < last) h = h.relu();
    });
    return h.reshape([-1]).add(this.offset);
  }

  override forward(users: Tensor, items: Tensor): Tensor {
    return this.forwardWithPenalty(users, items).output;
  }

  override forwardWithPenalty(users: Tensor, items: Tensor): { output: Tensor; penalty: Tensor } {
    const u = this.userFactors.forward(users);
    const v = this.itemFactors.forward(items);
    const penalty = u.square().sum(1).add(v.square().sum(1)).mean();
    return { output: squash(this.head(cat([u, v], 1)), this.config.yRange), penalty };
  }

  /**
   * Every item for some users without a [users × items, width] input: the first layer splits into a user part and
   * an item part (W·[u; v] = W_u·u + W_i·v), each computed once, then added for every pair.
   */
  override scoreItems(users: Tensor): Tensor {
    return noGrad(() => {
      const [first, ...rest] = [...this.layers];
      const ku = this.config.userFactors;
      const userPart = this.userFactors.weight.indexSelect(0, users).matmul(first.weight.narrow(1, 0, ku).T); // [b, H]
      const itemPart = this.itemFactors.weight.matmul(first.weight.narrow(1, ku, this.config.itemFactors).T).add(first.bias!); // [N, H]
      let h = userPart.unsqueeze(1).add(itemPart.unsqueeze(0)); // [b, N, H]
      for (const layer of rest) h = layer.forward(h.relu());
      return squash(h.reshape([users.numel, -1]).add(this.offset), this.config.yRange);
    });
  }

  override forwardRow(row: UserRow, items: Tensor): Tensor {
    const v = this.itemFactors.weight.detach().indexSelect(0, items);
    const u = row.factors.reshape([1, -1]).expand([items.numel, this.config.userFactors]);
    return squash(this.head(cat([u, v], 1)), this.config.yRange);
  }

  override userRow(user: number): UserRow {
    return { factors: this.userFactors.weight.detach().select(0, user), bias: zeros([1]) };
  }

  override itemEmbeddings(): Tensor {
    return this.itemFactors.weight.detach();
  }
}

import { noGrad } from '@typegrad/autograd';
import { Embedding, init } from '@typegrad/nn';
import { arange, type Generator, type Tensor } from '@typegrad/tensor';
import type { FactorizationConfig } from './config.js';
import { rawOffset, RatingModel, squash, type UserRow } from './rating-model.js';

/**
 * Matrix factorisation, the course's collaborative filtering: a user's rating of an item is
 * dot(U[u], V[i]) + b_u + b_i + μ, optionally squashed into the rating range as fastai's `DotProductBias` does
 * (then μ enters as its logit, so an untrained model predicts μ). Factors start N(0, 0.01²), biases at 0; all four
 * tables have sparse gradients. `bpr` is the same model trained on interactions, its output a score.
 * @example
 * const model = new MatrixFactorization(modelConfig('mf', { numUsers: 610, numItems: 9724, mean: 3.5, scale: [0.5, 5] }), g);
 * model.forward(users, items) // predicted ratings [B]
 */
export class MatrixFactorization extends RatingModel {
  static readonly typeName = 'MatrixFactorization';

  readonly userFactors: Embedding;
  readonly itemFactors: Embedding;
  readonly userBias: Embedding;
  readonly itemBias: Embedding;
  private readonly offset: number;

  constructor(
    readonly config: FactorizationConfig,
    generator?: Generator,
  ) {
    super();
    const { numUsers, numItems, factors } = config;
    this.userFactors = new Embedding(numUsers, factors, { sparse: true });
    this.itemFactors = new Embedding(numItems, factors, { sparse: true });
    this.userBias = new Embedding(numUsers, 1, { sparse: true });
    this.itemBias = new Embedding(numItems, 1, { sparse: true });
    init.normal_(this.userFactors.weight, 0, 0.01, { generator });
    init.normal_(this.itemFactors.weight, 0, 0.01, { generator });
    init.zeros_(this.userBias.weight);
    init.zeros_(this.itemBias.weight);
    this.offset = rawOffset(config.mean, config.yRange);
  }

  override forward(users: Tensor, items: Tensor): Tensor {
    return this.forwardWithPenalty(users, items).output;
  }

  override forwardWithPenalty(users: Tensor, items: Tensor): { output: Tensor; penalty: Tensor } {
    const u = this.userFactors.forward(users);
    const v = this.itemFactors.forward(items);
    const z = u.mul(v).sum(1).add(this.userBias.forward(users).reshape([-1])).add(this.itemBias.forward(items).reshape([-1])).add(this.offset);
    const penalty = u.square().sum(1).add(v.square().sum(1)).mean();
    return { output: squash(z, this.config.yRange), penalty };
  }

  override scoreItems(users: Tensor): Tensor {
    return noGrad(() => {
      const z = this.userFactors.weight.indexSelect(0, users).matmul(this.itemFactors.weight.T);
      const biases = this.userBias.weight.indexSelect(0, users).add(this.itemBias.weight.reshape([1, -1]));
      return squash(z.add(biases).add(this.offset), this.config.yRange);
    });
  }

  override forwardRow(row: UserRow, items: Tensor): Tensor {
    const v = this.itemFactors.weight.detach().indexSelect(0, items);
    const z = v.matmul(row.factors.reshape([-1, 1])).reshape([-1]).add(row.bias).add(this.itemBias.weight.detach().indexSelect(0, items).reshape([-1]));
    return squash(z.add(this.offset), this.config.yRange);
  }

  override userRow(user: number): UserRow {
    return { factors: this.userFactors.weight.detach().select(0, user), bias: this.userBias.weight.detach().select(0, user) };
  }

  override itemEmbeddings(): Tensor {
    return this.itemFactors.weight.detach();
  }

  override itemBiases(): Tensor {
    return this.itemBias.weight.detach();
  }

  /** Every item's index, for scoring a row against all of them. */
  allItems(): Tensor {
    return arange(this.config.numItems, { dtype: 'int32' });
  }

  /** The raw output that squashes to μ (see `rawOffset`). */
  get rawMean(): number {
    return this.offset;
  }
}

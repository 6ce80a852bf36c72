import { noGrad, sparseIndexSelect } from '@typegrad/autograd';
import { where, type Tensor } from '@typegrad/tensor';
import { normal_, type InitOptions } from '../init/index.js';
import { Module } from '../module.js';
import { parameter } from '../parameter.js';
import { empty, type FactoryOptions } from './util.js';

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`, as `nn.Embedding`: `forward(ids)` is the
 * makemore lecture's `C[X]`. Initialised N(0, 1); the `paddingIdx` row starts at zero and gets no gradient.
 *
 * With `sparse: true` (PyTorch's `sparse=True`) backward gives the weight a row-sparse gradient over the rows the
 * batch looked up (`sparseGrad(emb.weight)`; `grad` stays null) instead of a dense one of the table's size, so a
 * step costs the batch's rows however large the table: train it with `SparseAdam` (or plain `SGD`).
 * @example const emb = new Embedding(27, 10); emb.forward(X) // X int32 [B, 3] → [B, 3, 10]
 * @example const items = new Embedding(1_000_000, 64, { sparse: true }); // with new SparseAdam(items.parameters())
 */
export class Embedding extends Module {
  static readonly typeName = 'Embedding';

  weight: Tensor;
  readonly paddingIdx: number | null;
  /** Whether the weight's gradient is row-sparse (see the class's description). */
  readonly sparse: boolean;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: FactoryOptions & InitOptions & { paddingIdx?: number; sparse?: boolean } = {},
  ) {
    super();
    this.sparse = opts.sparse ?? false;
    let pad = opts.paddingIdx ?? null;
    if (pad !== null) {
      if (pad >= numEmbeddings || pad < -numEmbeddings) throw new RangeError(`Embedding: paddingIdx must be within num_embeddings (got ${pad} for ${numEmbeddings})`);
      if (pad < 0) pad += numEmbeddings;
    }
    this.paddingIdx = pad;
    this.weight = parameter(empty([numEmbeddings, embeddingDim], opts));
    normal_(this.weight, 0, 1, opts);
    if (pad !== null) noGrad(() => this.weight.select(0, pad!).fill_(0));
  }

  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int32') throw new TypeError(`Embedding: expected int32 indices, got ${ids.dtype}`);
    const flat = ids.reshape([-1]);
    if (this.sparse) return sparseIndexSelect(this.weight, flat, { paddingIdx: this.paddingIdx }).reshape([...ids.shape, this.embeddingDim]);
    let rows = this.weight.indexSelect(0, flat);
    if (this.paddingIdx !== null) {
      // padding rows take no gradient: their output is cut from the graph
      const keep = flat.ne(this.paddingIdx).unsqueeze(1);
      rows = where(keep, rows, rows.detach());
    }
    return rows.reshape([...ids.shape, this.embeddingDim]);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ''}${this.sparse ? ', sparse=True' : ''}`;
  }
}

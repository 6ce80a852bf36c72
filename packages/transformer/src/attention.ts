import { Dropout, Linear, Module, type FactoryOptions } from '@typegrad/nn';
import { cat, scaledDotProductAttention, type Generator, type Tensor } from '@typegrad/tensor';
import { attentionMask } from './masks.js';

/** Options of {@link MultiHeadAttention}. */
export interface MultiHeadAttentionOptions extends FactoryOptions {
  /** Biases on the projections (default true; nanoGPT's `bias=False` leaves them out). */
  bias?: boolean;
  /** Dropout on the attention weights and on the output, in training mode (default 0). */
  dropout?: number;
  /** Where the initial weights and the dropout masks are drawn from. */
  generator?: Generator;
}

/** The keys and values of the positions seen so far, per layer, for generation one token at a time. */
export interface LayerCache {
  k: Tensor | null;
  v: Tensor | null;
}

/** What one call of {@link MultiHeadAttention.forward} attends to. */
export interface AttendOptions {
  /** Keys and values from here instead of from x: cross-attention to an encoder's output, [B, S, E]. */
  memory?: Tensor;
  /** Each position attends only to itself and earlier ones (a decoder). */
  causal?: boolean;
  /**
   * PyTorch's `attn_mask`: bool, `true` where a query may NOT attend to a key, or float, added to the scores;
   * shaped [L, S], [B·H, L, S] or [B, H, L, S].
   */
  attnMask?: Tensor;
  /** PyTorch's `key_padding_mask`: bool [B, S], `true` at padding, which no query attends to. */
  keyPaddingMask?: Tensor;
  /** Keys and values of earlier positions (self-attention only); this call's are appended to it. */
  cache?: LayerCache;
}

/**
 * Multi-head scaled dot-product attention (Vaswani et al., 2017), as `nn.MultiheadAttention` with
 * `batch_first=True` and PyTorch's mask semantics: inputs and output are [B, L, E]. The query, key and value
 * projections are one [3·E, E] matrix, `c_attn` (PyTorch's `in_proj_weight`; nanoGPT's name, so GPT state dicts
 * load by name), and `c_proj` projects the heads' concatenated outputs back to E.
 *
 * @example
 * const attn = new MultiHeadAttention(64, 4);
 * const y = attn.forward(x, { causal: true });               // self-attention in a decoder
 * const z = attn.forward(x, { memory: encoded, keyPaddingMask }); // cross-attention
 */
export class MultiHeadAttention extends Module {
  static readonly typeName = 'MultiHeadAttention';

  /** Query, key and value projections, stacked: weight [3·E, E]. */
  c_attn: Linear;
  /** Output projection: weight [E, E]. */
  c_proj: Linear;
  /** Dropout of the output (the residual branch). */
  resid_dropout: Dropout;
  readonly headDim: number;
  readonly dropout: number;
  private readonly generator?: Generator;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: MultiHeadAttentionOptions = {},
  ) {
    super();
    if (!Number.isInteger(numHeads) || numHeads < 1 || embedDim % numHeads !== 0) {
      throw new RangeError(`MultiHeadAttention: embed_dim must be divisible by num_heads (got ${embedDim} and ${numHeads})`);
    }
    this.headDim = embedDim / numHeads;
    this.dropout = opts.dropout ?? 0;
    this.generator = opts.generator;
    const layer = { device: opts.device, dtype: opts.dtype, generator: opts.generator, bias: opts.bias ?? true };
    this.c_attn = new Linear(embedDim, 3 * embedDim, layer);
    this.c_proj = new Linear(embedDim, embedDim, layer);
    this.resid_dropout = new Dropout(this.dropout, { generator: opts.generator });
  }

  forward(x: Tensor, opts: AttendOptions = {}): Tensor {
    const [B, L, E] = x.shape;
    if (x.ndim !== 3 || E !== this.embedDim) {
      throw new Error(`MultiHeadAttention: expected input [B, L, ${this.embedDim}], got [${x.shape.join(', ')}]`);
    }
    let [q, k, v] = this.project(x, opts.memory);
    if (opts.cache) {
      if (opts.memory) throw new Error('MultiHeadAttention: a cache holds self-attention keys; cross-attention needs none');
      if (opts.cache.k) {
        k = cat([opts.cache.k, k], 2);
        v = cat([opts.cache.v!, v], 2);
      }
      opts.cache.k = k;
      opts.cache.v = v;
    }
    const mask = attentionMask(opts.attnMask, opts.keyPaddingMask, { batch: B, heads: this.numHeads, queries: L, keys: k.shape[2] });
    // with earlier keys cached, a causal call of one new token attends to everything before it
    const causal = opts.causal === true && !(opts.cache && L === 1);
    const y = scaledDotProductAttention(q, k, v, {
      mask,
      causal,
      dropout: this.training ? this.dropout : 0,
      generator: this.generator,
    });
    return this.resid_dropout.forward(this.c_proj.forward(y.transpose(1, 2).reshape([B, L, E])));
  }

  /** Queries from x; keys and values from `memory` (or x), each split into heads: [B, H, ·, E/H]. */
  private project(x: Tensor, memory?: Tensor): [Tensor, Tensor, Tensor] {
    const E = this.embedDim;
    const heads = (t: Tensor) => t.reshape([t.shape[0], t.shape[1], this.numHeads, this.headDim]).transpose(1, 2);
    if (!memory) {
      const [q, k, v] = this.c_attn.forward(x).split(E, 2);
      return [heads(q), heads(k), heads(v)];
    }
    if (memory.ndim !== 3 || memory.shape[0] !== x.shape[0] || memory.shape[2] !== E) {
      throw new Error(`MultiHeadAttention: expected memory [${x.shape[0]}, S, ${E}], got [${memory.shape.join(', ')}]`);
    }
    // PyTorch's in_proj for cross-attention: the first E rows project the queries, the rest the keys and values
    const w = this.c_attn.weight;
    const b = this.c_attn.bias;
    const linear = (t: Tensor, from: number, rows: number) => {
      const y = t.matmul(w.narrow(0, from, rows).T);
      return b ? y.add(b.narrow(0, from, rows)) : y;
    };
    const [k, v] = linear(memory, E, 2 * E).split(E, 2);
    return [heads(linear(x, 0, E)), heads(k), heads(v)];
  }

  override extraRepr(): string {
    return `embed_dim=${this.embedDim}, num_heads=${this.numHeads}, dropout=${this.dropout}`;
  }
}

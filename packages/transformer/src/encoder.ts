import { Dropout, Embedding, LayerNorm, Linear, Module, ModuleList, type FactoryOptions } from '@typegrad/nn';
import { arange, where, type Generator, type Tensor } from '@typegrad/tensor';
import { TransformerBlock } from './block.js';
import { initNanoGPT } from './init.js';

/**
 * The size and shape of a {@link TransformerEncoder}.
 * @example { vocabSize: 5000, maxLength: 64, nLayer: 2, nHead: 4, nEmbd: 64, dropout: 0.1 }
 */
export interface EncoderConfig {
  vocabSize: number;
  /** The longest sequence, in tokens (the position embeddings' count). */
  maxLength: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  /** Dropout after the embeddings, on attention weights and on each residual branch (default 0). */
  dropout?: number;
  /** Biases in the linear layers and LayerNorms (default true). */
  bias?: boolean;
  /** GELU exact ('none', default) or its tanh form. */
  gelu?: 'none' | 'tanh';
}

/** Options of the encoder constructors. */
export interface EncoderOptions extends FactoryOptions {
  /** Where the initial weights and dropout masks are drawn from. */
  generator?: Generator;
}

/**
 * A transformer encoder over token ids: token and position embeddings, `nLayer` pre-LayerNorm blocks of
 * bidirectional self-attention (each position attends to every non-padding one), and a final LayerNorm. The
 * weights start as GPT-2's (N(0, 0.02), residual projections scaled by 1/√(2·nLayer)).
 * @example
 * const encoder = new TransformerEncoder({ vocabSize: 5000, maxLength: 64, nLayer: 2, nHead: 4, nEmbd: 64 });
 * const h = encoder.forward(ids, { paddingMask: ids.eq(0) }); // [B, T, 64]
 */
export class TransformerEncoder extends Module {
  static readonly typeName = 'TransformerEncoder';

  wte: Embedding;
  wpe: Embedding;
  drop: Dropout;
  h: ModuleList<TransformerBlock>;
  ln_f: LayerNorm;
  readonly config: Required<EncoderConfig>;

  constructor(config: EncoderConfig, opts: EncoderOptions = {}) {
    super();
    const c = (this.config = { dropout: 0, bias: true, gelu: 'none', ...config });
    for (const name of ['vocabSize', 'maxLength', 'nLayer', 'nHead', 'nEmbd'] as const) {
      if (!Number.isInteger(c[name]) || c[name] < 1) throw new RangeError(`TransformerEncoder: ${name} must be a positive integer, got ${c[name]}`);
    }
    const layer = { device: opts.device, dtype: opts.dtype, generator: opts.generator };
    this.wte = new Embedding(c.vocabSize, c.nEmbd, layer);
    this.wpe = new Embedding(c.maxLength, c.nEmbd, layer);
    this.drop = new Dropout(c.dropout, { generator: opts.generator });
    this.h = new ModuleList(Array.from({ length: c.nLayer }, () => new TransformerBlock(c.nEmbd, c.nHead, { ...layer, bias: c.bias, dropout: c.dropout, gelu: c.gelu })));
    this.ln_f = new LayerNorm(c.nEmbd, { device: opts.device, dtype: opts.dtype, bias: c.bias });
    initNanoGPT(this, c.nLayer, opts.generator);
  }

  /**
   * The encoded sequence: ids int32 [B, T] (T ≤ maxLength) → [B, T, nEmbd]. `paddingMask` (bool [B, T], `true` at
   * padding, as PyTorch's `src_key_padding_mask`) keeps padding out of every position's attention.
   */
  forward(ids: Tensor, opts: { paddingMask?: Tensor } = {}): Tensor {
    if (ids.ndim !== 2 || ids.dtype !== 'int32') throw new Error(`TransformerEncoder: expected int32 token ids [B, T], got ${ids.dtype} [${ids.shape.join(', ')}]`);
    const T = ids.shape[1];
    if (T > this.config.maxLength) throw new RangeError(`TransformerEncoder: a sequence of ${T} tokens is longer than maxLength ${this.config.maxLength}`);
    let x = this.drop.forward(this.wte.forward(ids).add(this.wpe.forward(arange(T, { dtype: 'int32', device: ids.device }))));
    for (const block of this.h.children() as TransformerBlock[]) x = block.forward(x, { keyPaddingMask: opts.paddingMask });
    return this.ln_f.forward(x);
  }
}

/** Options of {@link EncoderClassifier}. */
export interface ClassifierConfig extends EncoderConfig {
  numClasses: number;
  /** 'mean' (default): the mean over non-padding positions; 'first': the first position (a [CLS] token). */
  pooling?: 'mean' | 'first';
}

/**
 * A text classifier: a {@link TransformerEncoder}, pooled over the sequence (mean over non-padding positions, or
 * the first position), then a linear head to class logits.
 * @example
 * const model = new EncoderClassifier({ vocabSize: 5000, maxLength: 64, nLayer: 2, nHead: 4, nEmbd: 64, numClasses: 2 });
 * const logits = model.forward(ids, { paddingMask: ids.eq(0) }); // [B, 2]
 */
export class EncoderClassifier extends Module {
  static readonly typeName = 'EncoderClassifier';

  encoder: TransformerEncoder;
  head: Linear;
  readonly pooling: 'mean' | 'first';

  constructor(config: ClassifierConfig, opts: EncoderOptions = {}) {
    super();
    if (!Number.isInteger(config.numClasses) || config.numClasses < 2) throw new RangeError(`EncoderClassifier: numClasses must be an integer of at least 2, got ${config.numClasses}`);
    this.encoder = new TransformerEncoder(config, opts);
    this.head = new Linear(config.nEmbd, config.numClasses, { device: opts.device, dtype: opts.dtype, generator: opts.generator });
    this.pooling = config.pooling ?? 'mean';
  }

  /** The pooled sequence, [B, nEmbd]: what the head reads (and what explanations attribute). */
  pool(ids: Tensor, opts: { paddingMask?: Tensor } = {}): Tensor {
    const h = this.encoder.forward(ids, opts);
    if (this.pooling === 'first') return h.select(1, 0);
    if (!opts.paddingMask) return h.mean(1);
    const keep = opts.paddingMask.logicalNot().unsqueeze(2); // [B, T, 1]
    const summed = where(keep, h, 0).sum(1);
    return summed.div(keep.sum(1).clamp(1, null));
  }

  forward(ids: Tensor, opts: { paddingMask?: Tensor } = {}): Tensor {
    return this.head.forward(this.pool(ids, opts));
  }

  override extraRepr(): string {
    return `pooling='${this.pooling}'`;
  }
}

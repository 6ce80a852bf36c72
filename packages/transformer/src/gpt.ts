import { Dropout, Embedding, LayerNorm, Linear, Module, ModuleDict, ModuleList, type FactoryOptions } from '@typegrad/nn';
import { arange, type Generator, type Tensor } from '@typegrad/tensor';
import type { LayerCache } from './attention.js';
import { TransformerBlock } from './block.js';
import { initNanoGPT } from './init.js';

/**
 * The size and shape of a {@link GPT}, as nanoGPT's `GPTConfig`.
 * @example { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, dropout: 0, bias: false }
 */
export interface GPTConfig {
  /** Tokens in the vocabulary. */
  vocabSize: number;
  /** The longest context, in tokens (the position embeddings' count). */
  blockSize: number;
  nLayer: number;
  nHead: number;
  /** The embedding width E. */
  nEmbd: number;
  /** Dropout after the embeddings, on attention weights and on each residual branch (default 0). */
  dropout?: number;
  /** Biases in the linear layers and LayerNorms (default true; nanoGPT trains with false). */
  bias?: boolean;
  /** The output layer shares the token embedding's matrix (default true, as GPT-2 and nanoGPT). */
  tieWeights?: boolean;
  /** GELU exact ('none', nanoGPT) or its tanh form ('tanh', makemore's transformer). Default 'none'. */
  gelu?: 'none' | 'tanh';
  /**
   * 'nanogpt' (default): weights N(0, 0.02), biases 0, and the residual projections (`c_proj`) N(0, 0.02/√(2·nLayer));
   * 'pytorch': the layers' own initialisation, as makemore's transformer keeps it.
   */
  init?: 'nanogpt' | 'pytorch';
}

/** Options of the {@link GPT} constructor. */
export interface GPTOptions extends FactoryOptions {
  /** Where the initial weights and dropout masks are drawn from. With nanoGPT's seed, nanoGPT's weights. */
  generator?: Generator;
}

/**
 * A GPT-style decoder (Radford et al., 2019) as nanoGPT writes it: token and position embeddings, `nLayer` pre-LayerNorm
 * blocks of causal self-attention, a final LayerNorm and the language-model head. Property names follow nanoGPT
 * (`transformer.wte`, `transformer.h.0.attn.c_attn`, `lm_head`…), so state dicts move between the two by name.
 * Modules are built and initialised in nanoGPT's order, so the same seed gives nanoGPT's initial weights.
 *
 * @example
 * const model = new GPT({ vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, bias: false });
 * const logits = model.forward(idx);                      // idx int32 [B, T] → [B, T, 65]
 * const loss = languageModelLoss(logits, targets);
 */
export class GPT extends Module {
  static readonly typeName = 'GPT';

  transformer: ModuleDict;
  lm_head: Linear;
  readonly config: Required<GPTConfig>;

  constructor(config: GPTConfig, opts: GPTOptions = {}) {
    super();
    const c = (this.config = checkConfig(config));
    const layer = { device: opts.device, dtype: opts.dtype, generator: opts.generator };
    // built in nanoGPT's order, so the layers' own initial draws come from the generator as nanoGPT's do
    const wte = new Embedding(c.vocabSize, c.nEmbd, layer);
    const wpe = new Embedding(c.blockSize, c.nEmbd, layer);
    const drop = new Dropout(c.dropout, { generator: opts.generator });
    const h = new ModuleList(Array.from({ length: c.nLayer }, () => new TransformerBlock(c.nEmbd, c.nHead, { ...layer, bias: c.bias, dropout: c.dropout, gelu: c.gelu })));
    const ln_f = new LayerNorm(c.nEmbd, { device: opts.device, dtype: opts.dtype, bias: c.bias });
    this.transformer = new ModuleDict({ wte, wpe, drop, h, ln_f });
    this.lm_head = new Linear(c.nEmbd, c.vocabSize, { ...layer, bias: false });
    if (c.tieWeights) this.wte.weight = this.lm_head.weight;
    if (c.init === 'nanogpt') initNanoGPT(this, c.nLayer, opts.generator);
  }

  /** The token embedding. */
  get wte(): Embedding {
    return this.transformer.get('wte') as Embedding;
  }
  /** The position embedding. */
  get wpe(): Embedding {
    return this.transformer.get('wpe') as Embedding;
  }
  /** The blocks. */
  get blocks(): TransformerBlock[] {
    return (this.transformer.get('h') as ModuleList<TransformerBlock>).children() as TransformerBlock[];
  }

  /**
   * Logits of the next token at every position: idx int32 [B, T] (T ≤ blockSize) → [B, T, vocabSize]. With a
   * cache (one entry per layer, from {@link GPT.newCache}), idx holds only the tokens after those cached, whose
   * positions continue from there.
   */
  forward(idx: Tensor, opts: { cache?: LayerCache[] } = {}): Tensor {
    if (idx.ndim !== 2 || idx.dtype !== 'int32') throw new Error(`GPT: expected int32 token ids [B, T], got ${idx.dtype} [${idx.shape.join(', ')}]`);
    const [, T] = idx.shape;
    const past = opts.cache?.[0]?.k?.shape[2] ?? 0;
    if (past + T > this.config.blockSize) {
      throw new RangeError(`GPT: cannot forward a sequence of length ${past + T}, block size is only ${this.config.blockSize}`);
    }
    const pos = arange(past, past + T, { dtype: 'int32', device: idx.device });
    let x = this.wte.forward(idx).add(this.wpe.forward(pos));
    x = (this.transformer.get('drop') as Dropout).forward(x);
    this.blocks.forEach((block, i) => {
      x = block.forward(x, { causal: true, cache: opts.cache?.[i] });
    });
    return this.lm_head.forward((this.transformer.get('ln_f') as LayerNorm).forward(x));
  }

  /** An empty key/value cache for generation: one entry per layer. */
  newCache(): LayerCache[] {
    return this.blocks.map(() => ({ k: null, v: null }));
  }

  /**
   * The number of parameters; without the position embeddings when `nonEmbedding` (nanoGPT's count, which also
   * leaves out the token embedding by way of the tied head). Shared tensors count once.
   * @example new GPT(config).numParameters() // 0.80M for nanoGPT's CPU Shakespeare model
   */
  numParameters(opts: { nonEmbedding?: boolean } = {}): number {
    const all = this.parameters().reduce((n, p) => n + p.numel, 0);
    return opts.nonEmbedding ? all - this.wpe.weight.numel : all;
  }

  override summary(): string {
    return `${super.summary()}\nnon-embedding parameters: ${this.numParameters({ nonEmbedding: true }).toLocaleString('en-US')}`;
  }
}

function checkConfig(config: GPTConfig): Required<GPTConfig> {
  const c: Required<GPTConfig> = { dropout: 0, bias: true, tieWeights: true, gelu: 'none', init: 'nanogpt', ...config };
  for (const name of ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd'] as const) {
    if (!Number.isInteger(c[name]) || c[name] < 1) throw new RangeError(`GPT: ${name} must be a positive integer, got ${c[name]}`);
  }
  if (c.nEmbd % c.nHead !== 0) throw new RangeError(`GPT: nEmbd (${c.nEmbd}) must be divisible by nHead (${c.nHead})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new RangeError(`GPT: dropout must be in [0, 1), got ${c.dropout}`);
  return c;
}

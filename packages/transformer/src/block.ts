import { LayerNorm, Module, type FactoryOptions } from '@typegrad/nn';
import type { Generator, Tensor } from '@typegrad/tensor';
import { MultiHeadAttention, type AttendOptions } from './attention.js';
import { MLP } from './mlp.js';

/** Options of {@link TransformerBlock}. */
export interface BlockOptions extends FactoryOptions {
  /** Biases in the projections and the LayerNorms (default true). */
  bias?: boolean;
  dropout?: number;
  gelu?: 'none' | 'tanh';
  generator?: Generator;
}

/**
 * A pre-LayerNorm transformer block, as GPT-2 and nanoGPT build it: x + attn(ln_1(x)), then x + mlp(ln_2(x)).
 * @example const block = new TransformerBlock(64, 4); block.forward(x, { causal: true })
 */
export class TransformerBlock extends Module {
  static readonly typeName = 'TransformerBlock';

  ln_1: LayerNorm;
  attn: MultiHeadAttention;
  ln_2: LayerNorm;
  mlp: MLP;

  constructor(
    readonly embedDim: number,
    readonly numHeads: number,
    opts: BlockOptions = {},
  ) {
    super();
    const norm = { device: opts.device, dtype: opts.dtype, bias: opts.bias ?? true };
    this.ln_1 = new LayerNorm(embedDim, norm);
    this.attn = new MultiHeadAttention(embedDim, numHeads, opts);
    this.ln_2 = new LayerNorm(embedDim, norm);
    this.mlp = new MLP(embedDim, opts);
  }

  forward(x: Tensor, opts: AttendOptions = {}): Tensor {
    const h = x.add(this.attn.forward(this.ln_1.forward(x), opts));
    return h.add(this.mlp.forward(this.ln_2.forward(h)));
  }
}

import { Dropout, Linear, Module, type FactoryOptions } from '@typegrad/nn';
import type { Generator, Tensor } from '@typegrad/tensor';

/** Options of {@link MLP}. */
export interface MLPOptions extends FactoryOptions {
  bias?: boolean;
  dropout?: number;
  /** GELU exact ('none', nanoGPT's `nn.GELU()`) or its tanh form ('tanh', makemore's `NewGELU`). Default 'none'. */
  gelu?: 'none' | 'tanh';
  generator?: Generator;
}

/**
 * The position-wise feed-forward network of a transformer block: E → 4·E, GELU, 4·E → E, dropout.
 * @example new MLP(64).forward(x) // [B, T, 64] → [B, T, 64]
 */
export class MLP extends Module {
  static readonly typeName = 'MLP';

  c_fc: Linear;
  c_proj: Linear;
  dropout: Dropout;
  readonly gelu: 'none' | 'tanh';

  constructor(
    readonly embedDim: number,
    opts: MLPOptions = {},
  ) {
    super();
    const layer = { device: opts.device, dtype: opts.dtype, generator: opts.generator, bias: opts.bias ?? true };
    this.c_fc = new Linear(embedDim, 4 * embedDim, layer);
    this.c_proj = new Linear(4 * embedDim, embedDim, layer);
    this.dropout = new Dropout(opts.dropout ?? 0, { generator: opts.generator });
    this.gelu = opts.gelu ?? 'none';
  }

  forward(x: Tensor): Tensor {
    return this.dropout.forward(this.c_proj.forward(this.c_fc.forward(x).gelu({ approximate: this.gelu })));
  }

  override extraRepr(): string {
    return `gelu='${this.gelu}'`;
  }
}

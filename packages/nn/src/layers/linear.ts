import { linear, type Tensor } from '@typegrad/tensor';
import { empty } from './util.js';
import { kaimingUniform_, uniform_, type InitOptions } from '../init/index.js';
import { Module } from '../module.js';
import { parameter } from '../parameter.js';
import type { FactoryOptions } from './util.js';

/**
 * y = x·Wᵀ + b over the last dim, as `nn.Linear`. Weights start as PyTorch's do (Kaiming-uniform with a = √5,
 * bias U(±1/√in)), so with the same seed the same numbers come out.
 * @example const fc = new Linear(30, 200); const h = fc.forward(x); // x [B, 30] → [B, 200]
 */
export class Linear extends Module {
  static readonly typeName = 'Linear';

  weight: Tensor;
  bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: FactoryOptions & InitOptions & { bias?: boolean } = {},
  ) {
    super();
    this.weight = parameter(empty([outFeatures, inFeatures], opts));
    this.bias = opts.bias === false ? null : parameter(empty([outFeatures], opts));
    this.resetParameters(opts);
  }

  /** Re-draws the weights with PyTorch's default initialisation. */
  resetParameters(opts: InitOptions = {}): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), ...opts });
    if (this.bias) {
      const bound = this.inFeatures > 0 ? 1 / Math.sqrt(this.inFeatures) : 0;
      uniform_(this.bias, -bound, bound, opts);
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }
}

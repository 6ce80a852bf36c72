import { dropoutMask, type Generator, type Tensor } from '@typegrad/tensor';
import { Module } from '../module.js';

/** max(0, x). */
export class ReLU extends Module {
  static readonly typeName = 'ReLU';

  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** tanh(x). */
export class Tanh extends Module {
  static readonly typeName = 'Tanh';

  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** 1 / (1 + e^−x). */
export class Sigmoid extends Module {
  static readonly typeName = 'Sigmoid';

  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** GELU, exact or with `approximate: 'tanh'`. */
export class GELU extends Module {
  static readonly typeName = 'GELU';

  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.gelu({ approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** softmax along `dim`. */
export class Softmax extends Module {
  static readonly typeName = 'Softmax';

  constructor(readonly dim: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.softmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * Zeroes each element with probability p in training mode and scales the rest by 1/(1−p); the identity in eval
 * mode. The mask is drawn as PyTorch draws it, so the same seed drops the same elements.
 */
export class Dropout extends Module {
  static readonly typeName = 'Dropout';

  constructor(
    readonly p = 0.5,
    readonly opts: { generator?: Generator } = {},
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: dropout probability has to be between 0 and 1, but got ${p}`);
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    return x.mul(dropoutMask(x.shape as number[], this.p, { dtype: x.dtype, device: x.device, generator: this.opts.generator }));
  }
  override extraRepr(): string {
    return `p=${this.p}, inplace=False`;
  }
}

/** Flattens dims startDim..endDim (default: all but the batch dim). */
export class Flatten extends Module {
  static readonly typeName = 'Flatten';

  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

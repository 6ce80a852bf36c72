import { noGrad } from '@typegrad/autograd';
import { layerNorm, ones, zeros, type Tensor } from '@typegrad/tensor';
import { Module } from '../module.js';
import { buffer, parameter } from '../parameter.js';
import type { FactoryOptions } from './util.js';

/**
 * Normalises over the last dims (`normalizedShape`) to zero mean and unit variance (biased), then applies an
 * elementwise affine transform, as `nn.LayerNorm`.
 * @example new LayerNorm(64).forward(x) // x [B, T, 64]
 */
export class LayerNorm extends Module {
  static readonly typeName = 'LayerNorm';

  readonly normalizedShape: number[];
  weight: Tensor | null;
  bias: Tensor | null;

  constructor(
    normalizedShape: number | number[],
    readonly opts: FactoryOptions & { eps?: number; elementwiseAffine?: boolean; bias?: boolean } = {},
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    const affine = opts.elementwiseAffine ?? true;
    const f = { device: opts.device, dtype: opts.dtype ?? 'float32' };
    this.weight = affine ? parameter(ones(this.normalizedShape, f)) : null;
    this.bias = affine && opts.bias !== false ? parameter(zeros(this.normalizedShape, f)) : null;
  }

  get eps(): number {
    return this.opts.eps ?? 1e-5;
  }

  forward(x: Tensor): Tensor {
    const n = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - n);
    if (x.ndim < n || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw new Error(`LayerNorm: expected input with shape [*, ${this.normalizedShape.join(', ')}], but got input of size [${x.shape.join(', ')}]`);
    }
    return layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${this.eps}, elementwise_affine=${this.weight ? 'True' : 'False'}`;
  }
}

// PyTorch's names, so state dicts move between the two unchanged
const BATCHNORM_STATE_KEYS: Record<string, string> = {
  runningMean: 'running_mean',
  runningVar: 'running_var',
  numBatchesTracked: 'num_batches_tracked',
};

/**
 * Batch normalisation over the batch dim of [N, C] or [N, C, L] inputs, as `nn.BatchNorm1d`: in training it uses
 * the batch's statistics and updates running estimates (momentum 0.1, unbiased variance); in eval it uses the
 * running estimates.
 */
export class BatchNorm1d extends Module {
  static readonly typeName = 'BatchNorm1d';

  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  numBatchesTracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;

  constructor(
    readonly numFeatures: number,
    opts: FactoryOptions & { eps?: number; momentum?: number | null; affine?: boolean; trackRunningStats?: boolean } = {},
  ) {
    super();
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    const f = { device: opts.device, dtype: opts.dtype ?? 'float32' };
    const affine = opts.affine ?? true;
    this.weight = affine ? parameter(ones([numFeatures], f)) : null;
    this.bias = affine ? parameter(zeros([numFeatures], f)) : null;
    const track = opts.trackRunningStats ?? true;
    this.runningMean = track ? buffer(zeros([numFeatures], f)) : null;
    this.runningVar = track ? buffer(ones([numFeatures], f)) : null;
    this.numBatchesTracked = track ? buffer(zeros([], { device: opts.device, dtype: 'int32' })) : null;
  }

  forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw new Error(`BatchNorm1d: expected 2D or 3D input with ${this.numFeatures} features at dim 1, but got input of size [${x.shape.join(', ')}]`);
    }
    const dims = x.ndim === 2 ? [0] : [0, 2];
    const shape = x.ndim === 2 ? [1, this.numFeatures] : [1, this.numFeatures, 1];
    const useBatch = this.training || this.runningMean === null;
    let mean: Tensor;
    let variance: Tensor;
    if (useBatch) {
      const count = x.numel / this.numFeatures;
      if (this.training && count <= 1) throw new Error(`BatchNorm1d: expected more than 1 value per channel when training, got input size [${x.shape.join(', ')}]`);
      mean = x.mean({ dim: dims, keepdim: true });
      variance = x.sub(mean).pow(2).mean({ dim: dims, keepdim: true });
      if (this.training && this.runningMean && this.runningVar && this.numBatchesTracked) this.updateRunningStats(mean, variance, count);
    } else {
      mean = this.runningMean!.reshape(shape);
      variance = this.runningVar!.reshape(shape);
    }
    let y = x.sub(mean).mul(variance.add(this.eps).rsqrt());
    if (this.weight) y = y.mul(this.weight.reshape(shape));
    if (this.bias) y = y.add(this.bias.reshape(shape));
    return y;
  }

  protected override stateKey(property: string): string {
    return BATCHNORM_STATE_KEYS[property] ?? property;
  }

  private updateRunningStats(mean: Tensor, variance: Tensor, count: number): void {
    noGrad(() => {
      this.numBatchesTracked!.add_(1);
      const batchMean = mean.reshape([this.numFeatures]);
      const unbiased = variance.mul(count / (count - 1)).reshape([this.numFeatures]);
      if (this.momentum !== null) {
        const m = this.momentum;
        this.runningMean!.mul_(1 - m).add_(batchMean.mul(m));
        this.runningVar!.mul_(1 - m).add_(unbiased.mul(m));
        return;
      }
      // momentum null means a cumulative average, as PyTorch: the factor 1/n is taken on the tensor's device from
      // the batch count there, so no read from the device is needed (on a GPU one would be asynchronous)
      const m = this.numBatchesTracked!.to(this.runningMean!.dtype).reciprocal();
      const keep = m.neg().add(1);
      this.runningMean!.mul_(keep).add_(batchMean.mul(m));
      this.runningVar!.mul_(keep).add_(unbiased.mul(m));
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.weight ? 'True' : 'False'}, track_running_stats=${this.runningMean ? 'True' : 'False'}`;
  }
}

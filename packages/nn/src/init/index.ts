import { noGrad } from '@typegrad/autograd';
import type { Generator, Tensor } from '@typegrad/tensor';

/** Non-linearities `calculateGain` knows, as PyTorch's `nn.init.calculate_gain`. */
export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** The recommended gain for a non-linearity (tanh: 5/3, relu: √2, leaky_relu: √(2/(1+slope²)), …). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new Error(`calculateGain: unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** fan_in and fan_out of a weight: [out, in, ...receptive field] as PyTorch counts them. */
export function fanInAndOut(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) throw new Error(`fanInAndOut: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [${t.shape.join(', ')}])`);
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

/** Options shared by the random initialisers. */
export interface InitOptions {
  generator?: Generator;
}

/** Fills with U(a, b) in place. */
export const uniform_ = (t: Tensor, a = 0, b = 1, opts: InitOptions = {}): Tensor => noGrad(() => t.uniform_(a, b, opts));
/** Fills with N(mean, std²) in place. */
export const normal_ = (t: Tensor, mean = 0, std = 1, opts: InitOptions = {}): Tensor => noGrad(() => t.normal_(mean, std, opts));
/** Fills with a constant in place. */
export const constant_ = (t: Tensor, value: number): Tensor => noGrad(() => t.fill_(value));
/** Fills with zeros in place. */
export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
/** Fills with ones in place. */
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** Options of the Kaiming (He) initialisers. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu). Default 0. */
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  const { fanIn, fanOut } = fanInAndOut(t);
  const fan = (o.mode ?? 'fan_in') === 'fan_in' ? fanIn : fanOut;
  return calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0) / Math.sqrt(fan);
}

/**
 * He initialisation, uniform: U(−b, b) with b = gain·√(3/fan). PyTorch's Linear default is this with a = √5.
 * @example kaimingUniform_(w, { a: Math.sqrt(5) })
 */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, opts);
  return uniform_(t, -bound, bound, opts);
}

/** He initialisation, normal: N(0, (gain/√fan)²). */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd(t, opts), opts);
}

/** Glorot initialisation, uniform: U(−b, b) with b = gain·√(6/(fan_in+fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fanInAndOut(t);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound, opts);
}

/** Glorot initialisation, normal: N(0, gain²·2/(fan_in+fan_out)). */
export function xavierNormal_(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = fanInAndOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), opts);
}

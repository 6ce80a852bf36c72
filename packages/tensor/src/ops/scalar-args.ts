/**
 * The scalar arguments of arithmetic ops, checked as PyTorch checks them: `alpha`, clamp's bounds and an integer
 * power must be values the op's dtype can hold, or the op would compute with a different number than was given.
 * (A plain scalar operand, as in `x.add(2 ** 40)` on int32, wraps as in PyTorch, and is not checked here.)
 */
import { category, isFloat, type DType } from '../dtype.js';
import { overflowError, overflows } from '../convert.js';
import type { Tensor } from '../tensor.js';
import { elementwise } from './elementwise.js';
import { resultType, type TensorLike } from './core.js';

/**
 * `other` scaled by `alpha` for `self.add(other, { alpha })` and the like: an integral result takes only an integral
 * alpha that fits it (PyTorch's rules), a float32 one only an alpha within float32's range.
 * @example scaledByAlpha('add', x, y, 2)   // y·2, as a tensor (or a number when y is one)
 */
export function scaledByAlpha(op: string, self: Tensor, other: TensorLike, alpha: number | undefined): TensorLike {
  if (alpha === undefined) return other;
  const dtype = resultType(self, other);
  if (!isFloat(dtype) && !Number.isInteger(alpha)) {
    throw new TypeError(`${op}: for integral input tensors, argument alpha must not be a floating point number (got ${alpha})`);
  }
  if (overflows(alpha, dtype)) throw overflowError(op, alpha, dtype);
  return typeof other === 'number' || typeof other === 'boolean' ? Number(other) * alpha : elementwise('mul', [other, alpha]);
}

/**
 * A scalar exponent for `x.pow(e)`: an integral tensor takes neither a negative integer power nor one beyond int32,
 * as in PyTorch. Returns the exponent.
 * @example checkIntegerPower(intTensor, -1)   // throws: Integers to negative integer powers are not allowed.
 */
export function checkIntegerPower(self: Tensor, exponent: number): number {
  if (isFloat(self.dtype) || !Number.isInteger(exponent)) return exponent;
  if (exponent < 0) throw new RangeError('pow: Integers to negative integer powers are not allowed.');
  if (overflows(exponent, 'int32')) throw overflowError('pow', exponent, 'int32');
  return exponent;
}

/**
 * Clamp's bounds as kernel parameters (±∞ for a missing one), for a result of `dtype`: each must be a value of
 * that dtype, and an in-place clamp of an integral tensor takes no fractional bound (the result would be float).
 * @example clampBounds('clamp_', 'int32', 0, 2 ** 40)   // throws: value 1099511627776 cannot be converted to type int32 without overflow
 */
export function clampBounds(op: string, dtype: DType, min?: number | null, max?: number | null): [number, number] {
  for (const b of [min, max]) {
    if (b == null) continue;
    const needs = resultType(b);
    if (category(needs) > category(dtype)) throw new TypeError(`${op}: result type ${needs} can't be cast to the desired output type ${dtype}`);
    if (overflows(b, dtype)) throw overflowError(op, b, dtype);
  }
  return [min ?? -Infinity, max ?? Infinity];
}

/**
 * JavaScript numbers into a dtype's values, checked as PyTorch checks a Python scalar: a value that does not fit
 * the dtype is an error, never a silently different number (an Int32Array stores 2**40 as 0 and NaN as 0).
 */
import type { DType } from './dtype.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Whether `value` lies outside what `dtype` holds, by PyTorch's rule (c10's `overflows`): NaN and ±∞ overflow
 * an integer type, as does a value beyond its range before truncation (2147483647.5 overflows int32; 3.7 does
 * not); a finite value beyond float32's range overflows float32. bool and float64 hold any number.
 * @example overflows(2 ** 40, 'int32')   // true
 */
export function overflows(value: number, dtype: DType): boolean {
  if (dtype === 'int32') return !(value >= INT32_MIN && value <= INT32_MAX);
  if (dtype === 'float32') return Number.isFinite(value) && Math.abs(value) > FLOAT32_MAX;
  return false;
}

/**
 * PyTorch's error for a value that `dtype` cannot hold, naming the op and the value.
 * @example overflowError('full', 2 ** 40, 'int32').message
 * // 'full: value 1099511627776 cannot be converted to type int32 without overflow'
 */
export function overflowError(op: string, value: number, dtype: DType, where = ''): RangeError {
  return new RangeError(`${op}: value ${value}${where} cannot be converted to type ${dtype} without overflow`);
}

/**
 * The value `value` takes in `dtype` (int32 truncates toward zero, bool is 0 or 1, float32 rounds), or
 * PyTorch's overflow error when the dtype cannot hold it — what `full`, `fill_` and `maskedFill` do with a
 * Python scalar.
 * @example toElement('full', 3.7, 'int32')       // 3
 * @example toElement('full', NaN, 'int32')       // throws: value NaN cannot be converted to type int32 without overflow
 */
export function toElement(op: string, value: number | boolean, dtype: DType): number {
  const v = Number(value);
  if (overflows(v, dtype)) throw overflowError(op, v, dtype);
  return castChecked(v, dtype);
}

/**
 * The stored value of a number already known to fit `dtype` (see {@link overflows}).
 * @example castChecked(-3.7, 'int32')   // -3
 */
export function castChecked(value: number, dtype: DType): number {
  switch (dtype) {
    case 'int32':
      return Math.trunc(value) | 0;
    case 'bool':
      return value !== 0 ? 1 : 0;
    case 'float32':
      return Math.fround(value);
    default:
      return value;
  }
}

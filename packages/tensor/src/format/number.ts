/**
 * Exact, correctly rounded decimal formatting of IEEE-754 doubles, matching
 * Python's `'{:.Nf}'` and `'{:.Ne}'` format specs.
 *
 * `Number.prototype.toFixed` is not usable here: it rounds exact ties away
 * from zero (`(0.125).toFixed(2) === '0.13'`, Python gives `'0.12'`), switches
 * to exponent notation above 1e21 and drops the sign of `-0`.
 * `toExponential` has the same tie problem. Instead every finite double is
 * expanded to its exact decimal value with `BigInt` and rounded half-to-even.
 *
 * @module
 */

/** An exact decimal: `|x| = digits / 10^scale`, with `digits >= 0`. */
interface ExactDecimal {
  negative: boolean;
  digits: bigint;
  scale: number;
}

const view = new DataView(new ArrayBuffer(8));
const TEN = 10n;

/** Splits a finite double into sign, integer mantissa and binary exponent and rewrites it in base 10. */
function toExactDecimal(x: number): ExactDecimal {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal: no implicit leading bit
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (mantissa === 0n) return { negative, digits: 0n, scale: 0 };
  // Dropping trailing zero bits keeps the power of five (and the BigInts) small.
  while (exponent < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  if (exponent >= 0) return { negative, digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k == m * 5^k / 10^k
  return { negative, digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** `value / 10^drop`, rounded half to even (Python's rounding for exact ties). */
function roundDropDigits(value: bigint, drop: number): bigint {
  if (drop <= 0) return value * TEN ** BigInt(-drop);
  const divisor = TEN ** BigInt(drop);
  const quotient = value / divisor;
  const twiceRemainder = (value % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && (quotient & 1n) === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

/** Python's spelling of the non-finite values; the sign of NaN is never shown. */
function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  return x > 0 ? 'inf' : '-inf';
}

/**
 * Python's `'{:.<precision>f}'.format(x)`.
 *
 * @example
 * formatFixed(0.125, 2); // '0.12' (ties go to even)
 * formatFixed(-0, 1);    // '-0.0'
 */
export function formatFixed(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const { negative, digits, scale } = toExactDecimal(x);
  const rounded = roundDropDigits(digits, scale - precision).toString();
  const padded = rounded.padStart(precision + 1, '0');
  const intPart = padded.slice(0, padded.length - precision);
  const text = precision > 0 ? `${intPart}.${padded.slice(padded.length - precision)}` : intPart;
  return negative ? `-${text}` : text;
}

/**
 * Python's `'{:.<precision>e}'.format(x)`: one digit before the point and an
 * exponent of at least two digits.
 *
 * @example
 * formatExponent(12345, 4);  // '1.2345e+04'
 * formatExponent(1e-5, 2);   // '1.00e-05'
 */
export function formatExponent(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const { negative, digits, scale } = toExactDecimal(x);
  let mantissa: string;
  let exponent: number;
  if (digits === 0n) {
    mantissa = '0'.repeat(precision + 1);
    exponent = 0;
  } else {
    const length = digits.toString().length;
    exponent = length - 1 - scale;
    let rounded = roundDropDigits(digits, length - (precision + 1)).toString();
    if (rounded.length > precision + 1) {
      // Rounding carried into a new leading digit, e.g. 9.99996 -> 1.0000e+01.
      rounded = rounded.slice(0, precision + 1);
      exponent += 1;
    }
    mantissa = rounded;
  }
  const head = precision > 0 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  const expSign = exponent < 0 ? '-' : '+';
  const expDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${negative ? '-' : ''}${head}e${expSign}${expDigits}`;
}

/**
 * Chooses how the elements of one tensor are printed (integer-valued, fixed or
 * scientific) and the common column width, then formats single elements.
 *
 * @module
 */
import { formatExponent, formatFixed } from './number.js';

/** Formats single elements of a tensor so that every element has the same width. */
export interface ElementFormatter {
  /** Column width every element is right-aligned to. */
  readonly width: number;
  /** Formats one element, left-padded to {@link ElementFormatter.width}. */
  format(value: number): string;
}

/** The subset of the print options that affect single elements. */
export interface ElementOptions {
  precision: number;
  sciMode: boolean | null;
}

/** Python's spelling of an integer or bool element. */
function plainString(value: number, isBool: boolean): string {
  if (isBool) return value !== 0 ? 'True' : 'False';
  return String(value === 0 ? 0 : value); // never print '-0' for integers
}

/**
 * Builds the formatter for a tensor from the values that will actually be
 * shown (all of them, or only the edge items when the tensor is summarised).
 *
 * Floating point rules:
 * - only nonzero finite values take part in the decisions and in the width;
 *   if there are none, every element prints in integer style (`0.`, `nan`) and
 *   even a forced `sciMode` is ignored;
 * - if all of them are integers, elements print as `3.` unless
 *   max/min > 1000 or max > 1e8, which selects scientific notation;
 * - otherwise elements print with `precision` decimals unless
 *   max/min > 1000, max > 1e8 or min < 1e-4, which selects scientific notation;
 * - a non-null `sciMode` then overrides the choice, but the width stays the
 *   one measured for the automatic choice.
 *
 * @example
 * const f = createElementFormatter([1.5, -20], 'float32', { precision: 4, sciMode: null });
 * f.format(1.5); // ' 1.5000'
 */
export function createElementFormatter(
  shown: readonly number[],
  dtype: 'float32' | 'float64' | 'int32' | 'bool',
  options: ElementOptions,
): ElementFormatter {
  const { precision } = options;
  if (dtype === 'int32' || dtype === 'bool') {
    const isBool = dtype === 'bool';
    let width = 1;
    for (const v of shown) width = Math.max(width, plainString(v, isBool).length);
    return { width, format: (v) => plainString(v, isBool).padStart(width) };
  }

  const nonzeroFinite = shown.filter((v) => v !== 0 && Number.isFinite(v));
  let intMode = true;
  let sciMode = false;
  let width = 1;

  if (nonzeroFinite.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const v of nonzeroFinite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) intMode = false;
    }
    const wideRange = max / min > 1000 || max > 1e8;
    let measure: (v: number) => number;
    if (intMode) {
      sciMode = wideRange;
      // The trailing '.' that marks a float is part of the width.
      measure = sciMode ? (v) => formatExponent(v, precision).length : (v) => formatFixed(v, 0).length + 1;
    } else {
      sciMode = wideRange || min < 1e-4;
      measure = sciMode
        ? (v) => formatExponent(v, precision).length
        : (v) => formatFixed(v, precision).length;
    }
    for (const v of nonzeroFinite) width = Math.max(width, measure(v));
    if (options.sciMode !== null) sciMode = options.sciMode;
  }

  const format = (v: number): string => {
    let text: string;
    if (sciMode) text = formatExponent(v, precision);
    else if (intMode) text = Number.isFinite(v) ? `${formatFixed(v, 0)}.` : formatFixed(v, 0);
    else text = formatFixed(v, precision);
    return text.padStart(width);
  };
  return { width, format };
}

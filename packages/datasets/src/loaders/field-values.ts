/**
 * What the typed columns of a CSV/TSV file accept. Each reader takes a field's text with the white space around it
 * already removed and gives the value, or says what is wrong and what is accepted.
 */

/** A field's value, or what is wrong with its text. */
export type FieldResult<T> = { value: T } | { error: string };

/** Decimal notation: an optional sign, digits with an optional fraction (or a fraction alone), an optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Digits with an optional sign. */
const INTEGER = /^[+-]?\d+$/;
/** The int32 range that `int` columns hold, as the int32 tensors they become. */
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** The spellings of a boolean, compared in lower case. A Map, so that 'constructor' is not a key. */
const BOOLEANS = new Map([['true', true], ['false', false], ['1', true], ['0', false]]);

/**
 * A `number` field: decimal notation (`42`, `-0.5`, `.5`, `1.`, `1.5e-3`, `+2E10`) whose value is finite. It is
 * rounded to the nearest double, as every CSV reader does (`1e-400` is 0). Not accepted: `Infinity`, `inf`, `NaN`,
 * `nan`, `NA`, hex (`0x10`), digit separators (`1_000`, `1,000`), or a value too large for a double (`1e999`).
 * pandas' `read_csv` reads `inf` as infinity and `nan`, `NA`, `null` or an empty field as NaN; here a missing value
 * is an empty field in a nullable column (`'number?'`, which gives null), and a non-finite value is an error,
 * since one infinity or NaN in a feature column silently turns a loss into NaN.
 * @example parseNumberField('2.5')   // { value: 2.5 }
 * @example parseNumberField('1e999') // { error: '"1e999" is out of range (...)' }
 */
export function parseNumberField(text: string): FieldResult<number> {
  if (text === '') return { error: 'is empty (expected a number)' };
  if (!DECIMAL.test(text)) return { error: `${JSON.stringify(text)} is not a number (expected decimal notation such as 42, -0.5 or 1.5e-3; not Infinity, NaN, hex or digit separators)` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${JSON.stringify(text)} is out of range (a number must be finite: at most about 1.8e308 in size)` };
  return { value };
}

/**
 * An `int` field: digits with an optional sign (`42`, `-7`, `+3`, `007`), from -2147483648 to 2147483647, the
 * range of the int32 tensors such columns become (ids, labels, counts). A value beyond it is an error, never
 * wrapped or rounded; read larger integers (timestamps in milliseconds) as `number`.
 * @example parseIntField('-7')         // { value: -7 }
 * @example parseIntField('4294967296') // { error: '"4294967296" is out of range for an int column (...)' }
 */
export function parseIntField(text: string): FieldResult<number> {
  if (text === '') return { error: 'is empty (expected an integer)' };
  if (!INTEGER.test(text)) return { error: `${JSON.stringify(text)} is not an integer (expected digits with an optional sign, such as 42 or -7)` };
  const value = Number(text);
  if (value < INT32_MIN || value > INT32_MAX) {
    return { error: `${JSON.stringify(text)} is out of range for an int column (${INT32_MIN} to ${INT32_MAX}, int32; read larger integers as 'number')` };
  }
  return { value: value === 0 ? 0 : value }; // '-0' is 0: an int has no negative zero
}

/**
 * A `boolean` field: `true`, `false`, `1` or `0`, in any letter case (`TRUE`, `False`). Nothing else counts:
 * not `yes`/`no`, not `t`/`f`.
 * @example parseBooleanField('FALSE') // { value: false }
 * @example parseBooleanField('constructor') // { error: '"constructor" is not a boolean (true, false, 1 or 0)' }
 */
export function parseBooleanField(text: string): FieldResult<boolean> {
  const value = BOOLEANS.get(text.toLowerCase());
  return value === undefined ? { error: `${JSON.stringify(text)} is not a boolean (true, false, 1 or 0, in any letter case)` } : { value };
}

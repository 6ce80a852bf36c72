/**
 * Checks the dtypes callers pass. JavaScript cannot stop `{ dtype: 'int64' }` at compile time, and without a check
 * such a name reaches a table lookup and fails far from the call ("Cannot read properties of undefined"), so every
 * entry point that takes a dtype asks this module first: the error names the op, lists the dtypes typegrad has and
 * suggests the nearest one.
 */
import { describeValue } from './describe.js';
import { isDType, type DType } from './dtype.js';

/** PyTorch's and NumPy's names for dtypes typegrad stores differently, with the one to use instead. */
const NEAREST: ReadonlyMap<string, DType> = new Map<string, DType>([
  ...['int64', 'long', 'int', 'int16', 'short', 'int8', 'uint8', 'uint16', 'uint32', 'uint64'].map((n) => [n, 'int32'] as const),
  ...['float16', 'half', 'bfloat16', 'float'].map((n) => [n, 'float32'] as const),
  ['double', 'float64'],
  ['boolean', 'bool'],
]);

const KNOWN = 'float32, float64, int32 and bool';

/**
 * The error for a dtype typegrad does not have: the op, what was given, the dtypes there are and the nearest one.
 * @example unknownDType('zeros', 'int64').message
 * // "zeros: dtype 'int64' is not supported; typegrad's dtypes are float32, float64, int32 and bool (use 'int32' instead)"
 */
export function unknownDType(op: string, dtype: unknown): TypeError {
  const name = typeof dtype === 'string' ? plainName(dtype) : '';
  const nearest = NEAREST.get(name) ?? (isDType(name) ? name : undefined);
  const hint = nearest ? ` (use '${nearest}' instead)` : '';
  return new TypeError(`${op}: dtype ${describeValue(dtype)} is not supported; typegrad's dtypes are ${KNOWN}${hint}`);
}

/**
 * `dtype` when it is one of typegrad's dtypes, else the error of {@link unknownDType}.
 * @example checkDTypeArg('tensor', opts.dtype)   // 'float32' passes; 'float16' throws, suggesting 'float32'
 */
export function checkDTypeArg(op: string, dtype: unknown): DType {
  if (isDType(dtype)) return dtype;
  throw unknownDType(op, dtype);
}

/**
 * The dtype option of a creation function: `fallback` when it is absent, else the checked value.
 * @example const dtype = dtypeOption('zeros', opts, 'float32');
 */
export function dtypeOption(op: string, opts: { dtype?: unknown } | undefined, fallback: DType): DType {
  const d = opts?.dtype;
  return d === undefined ? fallback : checkDTypeArg(op, d);
}

/**
 * Whether a string a caller passed as a device is really a dtype name (`t.to('int64')`), so the error can speak
 * of dtypes rather than of a missing device.
 * @example looksLikeDType('float16')   // true
 */
export function looksLikeDType(name: string): boolean {
  const n = plainName(name);
  return NEAREST.has(n) || isDType(n);
}

/** 'torch.Int64 ' → 'int64': the spellings a caller may bring from PyTorch. */
function plainName(name: string): string {
  return name.trim().toLowerCase().replace(/^torch\./, '');
}

/**
 * How error messages show the values a caller passed. This module imports nothing, so the lowest layers (shape
 * checks) can use it as well as the ops.
 */

/**
 * Whether `v` is a promise (or any thenable): what an un-awaited async call such as `t.item()` gives.
 * @example isThenable(t.item())   // true: the caller forgot `await`
 */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
  try {
    return typeof (v as { then?: unknown }).then === 'function';
  } catch {
    return false; // a getter that throws (as Tensor.data's guard does for `then`) is no thenable
  }
}

/**
 * Whether `v` is an object literal (an options object), not an array, tensor, promise or other class instance.
 * @example isPlainObject({ dim: 1 })   // true; isPlainObject([1]) and isPlainObject(t) are false
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// recognised by shape rather than by class, so this module needs no import of Tensor
function isTensorLike(v: object): v is { dtype: string; shape: readonly number[] } {
  return 'dtype' in v && 'shape' in v && Array.isArray((v as { shape: unknown }).shape);
}

const MAX_ITEMS = 6;

function describeList(items: readonly unknown[]): string {
  const shown = items.slice(0, MAX_ITEMS).map(describeValue);
  if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
  return `[${shown.join(', ')}]`;
}

/**
 * A value as an error message shows it: numbers, booleans and `undefined` as written, strings quoted, tensors by
 * dtype and shape, promises as such (so an un-awaited call is recognisable), options objects by their entries.
 * @example describeValue(1.5)                // '1.5'
 * @example describeValue('yes')              // "'yes'"
 * @example describeValue(tensor([1, 2]))     // 'a float32 tensor of shape [2]'
 */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `'${v}'`;
    case 'bigint':
      return `${v}n (a bigint)`;
    case 'symbol':
      return v.toString();
    case 'function':
      return isThenable(v) ? 'a thenable function' : `a function${v.name ? ` (${v.name})` : ''}`;
    case 'object':
      if (v === null) return 'null';
      if (isThenable(v)) return 'a Promise';
      if (Array.isArray(v)) return describeList(v);
      if (isTensorLike(v)) return `a ${v.dtype} tensor of shape [${v.shape.join(',')}]`;
      if (isPlainObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${describeValue(x)}`).join(', ')} }`;
      return `a ${(v as { constructor?: { name?: string } }).constructor?.name || 'object'}`;
    default:
      return String(v); // number, boolean, undefined
  }
}

/**
 * The arguments of a call as an error message shows them.
 * @example describeArgs([1, 'yes'])   // "(1, 'yes')"
 */
export function describeArgs(args: readonly unknown[]): string {
  return `(${args.map(describeValue).join(', ')})`;
}

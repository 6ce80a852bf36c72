/**
 * The items of `t.index(...)`, read and checked before any indexing. A JavaScript call takes values of any type,
 * and some habits give values that looked like indices to the old reader: an un-awaited `t.item()` is a Promise
 * (an object, once read as a full slice), `x.index(3.5)` was called out of bounds, and an unset variable failed
 * deep inside. Each is a TypeError here that says what was passed and what is accepted.
 */
import { describeValue, isPlainObject, isThenable } from '../describe.js';
import { Tensor } from '../tensor.js';

/** A Python-style slice: any part may be omitted. */
export interface SliceSpec {
  start?: number | null;
  stop?: number | null;
  step?: number;
}

/**
 * One item of `t.index(...)`: an integer selects (and drops the dim); a slice (`':'`, `'1:'`, `'::2'`, `'-3:'` or a
 * {@link SliceSpec}) keeps the dim; `null` inserts a size-1 dim; `'...'` stands for as many full slices as needed;
 * an int32 tensor picks entries along the dim (advanced indexing); a bool tensor masks.
 */
export type IndexItem = number | string | SliceSpec | null | Tensor;

const ACCEPTED =
  "integers, slices (':' or 'start:stop:step' strings, or { start, stop, step }), null (a new dim), '...' and int32 or bool tensors are valid indices";

function invalidItem(v: unknown, at: number, why = ''): TypeError {
  return new TypeError(`index: ${ACCEPTED}; got ${describeValue(v)} at position ${at}${why}`);
}

/**
 * A slice string's parts; an empty part is omitted (null).
 * @example parseSlice('1::2')   // { start: 1, stop: null, step: 2 }
 */
export function parseSlice(s: string): SliceSpec {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) {
    const hint = /^\s*-?\d+\s*$/.test(s) ? `; to select, pass the number ${Number(s)}` : '';
    throw new TypeError(`index: '${s}' is not a slice (expected 'start:stop' or 'start:stop:step', or '...')${hint}`);
  }
  const num = (p: string | undefined) => {
    if (p === undefined || p.trim() === '') return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw new TypeError(`index: '${p}' in slice '${s}' is not an integer`);
    return v;
  };
  return { start: num(parts[0]), stop: num(parts[1]), step: num(parts[2]) ?? 1 };
}

/** Whether a slice bound is omitted or an integer. */
const isBound = (v: unknown) => v === undefined || v === null || Number.isInteger(v);

function checkSliceSpec(s: Record<string, unknown>, at: number): void {
  for (const key of Object.keys(s)) {
    if (key !== 'start' && key !== 'stop' && key !== 'step') throw invalidItem(s, at, ` (a slice object has no '${key}'; its parts are start, stop and step)`);
  }
  if (!isBound(s.start) || !isBound(s.stop) || !isBound(s.step)) throw invalidItem(s, at, ' (a slice\'s start, stop and step must be integers or omitted)');
}

/** Why `v` is a wrong index, in words for the common mistakes; '' for the rest. */
function hintFor(v: unknown): string {
  if (isThenable(v)) {
    return ": it looks like an un-awaited promise, e.g. from .item(); await it (const i = await t.item()), or use t.itemSync() on the CPU";
  }
  if (v === undefined) return ' (a variable that was never set?)';
  if (typeof v === 'number') return ' (indices must be integers)';
  if (Array.isArray(v)) return "; to pick several entries, index with an int32 tensor: tensor([…], { dtype: 'int32' })";
  return '';
}

/**
 * Checks every item of an `index(...)` call, throwing a TypeError for the first one that is not an
 * {@link IndexItem}; slice strings are checked when they are read.
 * @example checkIndexItems([0, ':', null])          // fine
 * @example checkIndexItems([t.item()])              // throws: an un-awaited promise
 */
export function checkIndexItems(items: readonly unknown[]): asserts items is readonly IndexItem[] {
  items.forEach((item, at) => {
    if (item === null || typeof item === 'string' || Number.isInteger(item)) return;
    if (item instanceof Tensor) {
      if (item.dtype !== 'int32' && item.dtype !== 'bool') throw new TypeError(`index: tensors used as indices must be int32 or bool, got ${item.dtype} at position ${at}`);
      return;
    }
    if (isPlainObject(item)) return checkSliceSpec(item, at);
    throw invalidItem(item, at, hintFor(item));
  });
}

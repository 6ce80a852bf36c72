/**
 * The arguments of the reductions and histograms, read in PyTorch's forms and checked. JavaScript drops an extra
 * argument without a word, so without these checks `x.sum(1, true)` would quietly lose its keepdim (and
 * `P.div(P.sum(1, true))` broadcast the wrong way); every form a method does not take is a TypeError that names
 * the method, what it got and the forms it takes, in PyTorch's wording.
 */
import { describeArgs, describeValue, isPlainObject } from '../describe.js';
import { Tensor } from '../tensor.js';
import type { HistcOptions, HistogramOptions } from './histogram.js';
import type { ReduceOptions, VarOptions } from './reduction.js';

/** One dim or several (negative counts from the end). */
export type Dims = number | readonly number[];

/**
 * The arguments of `sum`, `mean`, `prod`, `amax`, `amin`, `all`, `any` and `logsumexp`: none (every dim),
 * PyTorch's positional `(dim, keepdim?)`, or an options object.
 */
export type ReduceArgs = [] | [dim: Dims | null | undefined, keepdim?: boolean] | [options: ReduceOptions];

/**
 * The arguments of `var` and `std`: none, PyTorch 1.13's positional `(unbiased)` and `(dim, unbiased?, keepdim?)`
 * (`unbiased: false` is correction 0), or an options object with `correction`.
 */
export type VarArgs =
  | []
  | [unbiased: boolean]
  | [dim: Dims | null | undefined, unbiased?: boolean, keepdim?: boolean]
  | [options: VarOptions];

/**
 * The error for a call that matches none of a method's forms: what it got, why, and the forms it takes.
 * @example throw invalidArgs('cumsum', args, 'dim must be an integer, not 1.5', ['(dim)']);
 */
export function invalidArgs(op: string, args: readonly unknown[], reason: string, forms: readonly string[]): TypeError {
  return new TypeError(
    `${op}: received an invalid combination of arguments - got ${describeArgs(args)}: ${reason}; expected one of: ${forms.join(', ')}`,
  );
}

const DIMS = 'dim an integer or a list of integers';
const REDUCE_FORMS = ['()', '(dim, keepdim?)', `({ dim?, keepdim? }), with ${DIMS} and keepdim a boolean`];
const VAR_FORMS = ['()', '(unbiased)', '(dim, unbiased?, keepdim?)', `({ dim?, correction?, keepdim? }), with ${DIMS}, unbiased and keepdim booleans and correction a number`];

type Fail = (reason: string) => TypeError;

/** A dim argument: undefined (and null, Python's None) mean every dim. */
function readDims(v: unknown, fail: Fail): Dims | undefined {
  if (v === undefined || v === null) return undefined;
  if (Number.isInteger(v)) return v as number;
  if (Array.isArray(v) && v.every((d) => Number.isInteger(d))) return v as number[];
  throw fail(`dim must be an integer or a list of integers, not ${describeValue(v)}`);
}

function readFlag(name: string, v: unknown, fail: Fail): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  throw fail(`${name} must be a boolean, not ${describeValue(v)}`);
}

/** An options object's entries, refusing names it does not know (a misspelt `keepDim` must not be ignored). */
function readOptions(o: Record<string, unknown>, known: readonly string[], fail: Fail): Record<string, unknown> {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      const hint = key === 'unbiased' && known.includes('correction') ? ' (unbiased: false is correction: 0)' : key === 'axis' && known.includes('dim') ? ' (PyTorch calls it dim)' : '';
      throw fail(`unknown option '${key}'${hint}; the options are ${known.join(', ')}`);
    }
  }
  return o;
}

/**
 * Reads a reduction method's arguments into options.
 * @example reduceOptions('sum', [1, true])              // { dim: 1, keepdim: true }
 * @example reduceOptions('sum', [{ dim: [0, 1] }])      // { dim: [0, 1], keepdim: undefined }
 * @example reduceOptions('sum', [1, 'yes'])             // throws a TypeError naming sum, the arguments and its forms
 */
export function reduceOptions(op: string, args: readonly unknown[]): ReduceOptions {
  const fail: Fail = (reason) => invalidArgs(op, args, reason, REDUCE_FORMS);
  if (args.length === 0) return {};
  if (isPlainObject(args[0])) {
    if (args.length > 1) throw fail('nothing may follow the options object (keepdim goes inside it)');
    const o = readOptions(args[0], ['dim', 'keepdim'], fail);
    return { dim: readDims(o.dim, fail), keepdim: readFlag('keepdim', o.keepdim, fail) };
  }
  if (args.length > 2) throw fail(`it takes at most 2 arguments, but got ${args.length}`);
  return { dim: readDims(args[0], fail), keepdim: readFlag('keepdim', args[1], fail) };
}

/**
 * Reads `var`/`std`'s arguments into options, PyTorch 1.13's legacy positional forms included.
 * @example varOptions('std', [0, true])                 // { dim: 0, correction: 1, keepdim: undefined }
 * @example varOptions('std', [false])                   // { correction: 0 }: the population std of every element
 */
export function varOptions(op: string, args: readonly unknown[]): VarOptions {
  const fail: Fail = (reason) => invalidArgs(op, args, reason, VAR_FORMS);
  if (args.length === 0) return {};
  const [first] = args;
  if (isPlainObject(first)) {
    if (args.length > 1) throw fail('nothing may follow the options object (keepdim goes inside it)');
    const o = readOptions(first, ['dim', 'correction', 'keepdim'], fail);
    if (o.correction !== undefined && !(typeof o.correction === 'number' && Number.isFinite(o.correction))) {
      throw fail(`correction must be a finite number, not ${describeValue(o.correction)}`);
    }
    return { dim: readDims(o.dim, fail), correction: o.correction as number | undefined, keepdim: readFlag('keepdim', o.keepdim, fail) };
  }
  if (typeof first === 'boolean') {
    if (args.length > 1) throw fail('(unbiased) takes nothing after it; give the dim first: (dim, unbiased, keepdim)');
    return { correction: first ? 1 : 0 };
  }
  if (args.length > 3) throw fail(`it takes at most 3 arguments, but got ${args.length}`);
  const unbiased = readFlag('unbiased', args[1], fail);
  return { dim: readDims(first, fail), correction: unbiased === false ? 0 : 1, keepdim: readFlag('keepdim', args[2], fail) };
}

/**
 * Reads `(dim?, keepdim?)` as argmax, argmin, and max/min along a dim take them: dim an integer (or omitted,
 * for every element), keepdim a boolean that needs a dim unless `keepdimAlone`.
 * @example dimAndKeepdim('argmax', [1, true], true)     // { dim: 1, keepdim: true }
 */
export function dimAndKeepdim(op: string, args: readonly unknown[], keepdimAlone: boolean, forms: readonly string[]): { dim?: number; keepdim: boolean } {
  const fail: Fail = (reason) => invalidArgs(op, args, reason, forms);
  if (args.length > 2) throw fail(`it takes at most 2 arguments, but got ${args.length}`);
  const [dim, keepdim] = args;
  if (dim !== undefined && dim !== null && !Number.isInteger(dim)) throw fail(`dim must be an integer, not ${describeValue(dim)}`);
  const kd = readFlag('keepdim', keepdim, fail);
  if (kd !== undefined && (dim === undefined || dim === null) && !keepdimAlone) throw fail('keepdim needs a dim');
  return { dim: (dim ?? undefined) as number | undefined, keepdim: kd ?? false };
}

/**
 * Reads the one required integer dim of `softmax`, `logSoftmax` and `cumsum`.
 * @example singleDim('softmax', [-1])                   // -1
 */
export function singleDim(op: string, args: readonly unknown[]): number {
  const fail: Fail = (reason) => invalidArgs(op, args, reason, ['(dim), with dim an integer']);
  if (args.length !== 1) throw fail(`it takes 1 argument, but got ${args.length}`);
  if (!Number.isInteger(args[0])) throw fail(`dim must be an integer, not ${describeValue(args[0])}`);
  return args[0] as number;
}

// ---- histograms ----

const HISTC_FORMS = ['()', '(bins, min?, max?)', '({ bins?, min?, max? }), with bins a positive integer and min, max numbers'];
const HISTOGRAM_FORMS = ['(bins, { range?, weight?, density? })', '({ bins, range?, weight?, density? }), with bins a positive integer or a 1-d tensor of increasing edges'];

function checkBinCount(op: string, bins: unknown, fail: Fail): number {
  if (!Number.isInteger(bins)) throw fail(`bins must be an integer, not ${describeValue(bins)}`);
  if ((bins as number) <= 0) throw new RangeError(`${op}: bins must be > 0, but got ${bins}`);
  return bins as number;
}

/**
 * Reads `histc`'s arguments after the input, with PyTorch's defaults (100 bins, min = max = 0).
 * @example histcOptions([10, -1, 1])                   // { bins: 10, min: -1, max: 1 }
 */
export function histcOptions(args: readonly unknown[]): Required<HistcOptions> {
  const fail: Fail = (reason) => invalidArgs('histc', args, reason, HISTC_FORMS);
  let o: Record<string, unknown>;
  if (isPlainObject(args[0])) {
    if (args.length > 1) throw fail('nothing may follow the options object');
    o = readOptions(args[0], ['bins', 'min', 'max'], fail);
  } else {
    if (args.length > 3) throw fail(`it takes at most 3 arguments, but got ${args.length}`);
    o = { bins: args[0], min: args[1], max: args[2] };
  }
  for (const k of ['min', 'max']) if (o[k] !== undefined && typeof o[k] !== 'number') throw fail(`${k} must be a number, not ${describeValue(o[k])}`);
  return { bins: checkBinCount('histc', o.bins ?? 100, fail), min: (o.min as number) ?? 0, max: (o.max as number) ?? 0 };
}

/** `histogram`'s options with its bins: a count or a tensor of edges. */
export interface HistogramSpec extends HistogramOptions {
  bins: number | Tensor;
}

/**
 * Reads `histogram`'s arguments after the input: `(bins, options?)` or one options object holding `bins`.
 * @example histogramOptions([10, { range: [0, 1] }])    // { range: [0, 1], bins: 10 }
 */
export function histogramOptions(args: readonly unknown[]): HistogramSpec {
  const fail: Fail = (reason) => invalidArgs('histogram', args, reason, HISTOGRAM_FORMS);
  let o: Record<string, unknown>;
  if (isPlainObject(args[0])) {
    if (args.length > 1) throw fail('nothing may follow the options object');
    o = readOptions(args[0], ['bins', 'range', 'weight', 'density'], fail);
  } else {
    if (args.length > 2) throw fail(`it takes at most 2 arguments, but got ${args.length}`);
    if (args[1] !== undefined && !isPlainObject(args[1])) throw fail(`the options must be an object, not ${describeValue(args[1])}`);
    const rest = (args[1] ?? {}) as Record<string, unknown>;
    readOptions(rest, ['range', 'weight', 'density'], fail);
    o = { ...rest, bins: args[0] };
  }
  const { bins, range, weight, density } = o;
  if (!(bins instanceof Tensor)) checkBinCount('histogram', bins, fail);
  else if (range !== undefined) throw fail('range cannot be given with a tensor of bin edges');
  if (range !== undefined && !(Array.isArray(range) && range.length === 2 && range.every((v) => typeof v === 'number'))) {
    throw fail(`range must be [min, max], not ${describeValue(range)}`);
  }
  if (weight !== undefined && !(weight instanceof Tensor)) throw fail(`weight must be a tensor, not ${describeValue(weight)}`);
  if (density !== undefined && typeof density !== 'boolean') throw fail(`density must be a boolean, not ${describeValue(density)}`);
  return o as unknown as HistogramSpec;
}

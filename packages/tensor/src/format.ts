/**
 * Human-readable tensor printing that reproduces PyTorch's `str(tensor)`
 * character for character (PyTorch 1.13 rules), with typegrad's dtype names.
 *
 * @module
 */
import { createElementFormatter, type ElementFormatter } from './format/element.js';

/** Element types {@link formatTensor} knows how to print. */
export type FormatDType = 'float32' | 'float64' | 'int32' | 'bool';

/** Print options; the names and defaults follow `torch.set_printoptions`. */
export interface FormatOptions {
  /** Digits after the decimal point for floating point values. Default 4. */
  precision?: number;
  /** Tensors with more than this many elements are summarised with `...`. Default 1000. */
  threshold?: number;
  /** Items shown at the start and at the end of every summarised dimension. Default 3. */
  edgeitems?: number;
  /** Target line width used to wrap long rows and trailing suffixes. Default 80. */
  linewidth?: number;
  /** `true`/`false` forces scientific notation on/off; `null` (default) chooses automatically. */
  sciMode?: boolean | null;
}

interface Resolved {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

const PREFIX = 'tensor(';

function resolveOptions(options: FormatOptions): Resolved {
  const resolved: Resolved = {
    precision: options.precision ?? 4,
    threshold: options.threshold ?? 1000,
    edgeitems: options.edgeitems ?? 3,
    linewidth: options.linewidth ?? 80,
    sciMode: options.sciMode ?? null,
  };
  for (const key of ['precision', 'edgeitems', 'linewidth'] as const) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`formatTensor: ${key} must be a non-negative integer, got ${v}`);
  }
  if (Number.isNaN(resolved.threshold)) throw new RangeError('formatTensor: threshold must be a number');
  return resolved;
}

/** Row-major view of the data plus everything the recursive printer needs. */
interface Ctx {
  data: Float64Array;
  shape: readonly number[];
  strides: number[];
  summarize: boolean;
  edge: number;
  linewidth: number;
  formatter: ElementFormatter;
}

/**
 * Indices printed along one dimension; `null` in the list marks the `...`.
 * Dimensions longer than `2 * edgeitems` are cut only when summarising.
 * (PyTorch mishandles `edgeitems = 0`; here it simply leaves only the `...`.)
 */
function shownIndices(size: number, summarize: boolean, edge: number): (number | null)[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (!summarize || size <= 2 * edge) return all;
  return [...all.slice(0, edge), null, ...all.slice(size - edge)];
}

/** The values the column width is measured on: only the ones that will be printed. */
function collectShown(ctx: Omit<Ctx, 'formatter'>, dim: number, offset: number, out: number[]): void {
  if (dim === ctx.shape.length) {
    out.push(ctx.data[offset]);
    return;
  }
  for (const i of shownIndices(ctx.shape[dim], ctx.summarize, ctx.edge)) {
    if (i !== null) collectShown(ctx, dim + 1, offset + i * ctx.strides[dim], out);
  }
}

/** One 1-D row, wrapped so that each line holds as many whole columns as fit in `linewidth`. */
function renderRow(ctx: Ctx, offset: number, indent: number): string {
  const stride = ctx.strides[ctx.strides.length - 1];
  const items = shownIndices(ctx.shape[ctx.shape.length - 1], ctx.summarize, ctx.edge).map((i) =>
    i === null ? ' ...' : ctx.formatter.format(ctx.data[offset + i * stride]),
  );
  // Each column costs its width plus ', '; the line budget starts after the indent.
  const perLine = Math.max(1, Math.floor((ctx.linewidth - indent) / (ctx.formatter.width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}

/** Nested brackets: sub-blocks of a k-D block are separated by k-1 newlines, each nesting level indents by one. */
function renderBlock(ctx: Ctx, dim: number, offset: number, indent: number): string {
  const rank = ctx.shape.length;
  if (dim === rank) return ctx.formatter.format(ctx.data[offset]);
  if (dim === rank - 1) return renderRow(ctx, offset, indent);
  const parts = shownIndices(ctx.shape[dim], ctx.summarize, ctx.edge).map((i) =>
    i === null ? '...' : renderBlock(ctx, dim + 1, offset + i * ctx.strides[dim], indent + 1),
  );
  const separator = `,${'\n'.repeat(rank - dim - 1)}${' '.repeat(indent + 1)}`;
  return `[${parts.join(separator)}]`;
}

/**
 * Appends `, suffix` items, moving an item onto its own indented line when the
 * current last line would get longer than `linewidth`. The measure of the
 * last line deliberately counts two characters more than its length, as
 * PyTorch does, so wrapping happens at exactly the same places.
 */
function addSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  let out = text;
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      out += `,\n${' '.repeat(indent)}${suffix}`;
      lastLineLength = indent + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLineLength += suffix.length + 2;
    }
  }
  return `${out})`;
}

/**
 * Formats a tensor exactly like PyTorch 1.13's `str(t)` / `repr(t)`.
 *
 * Elements: floats print as integers with a trailing point (`tensor([1., 2.])`)
 * when every nonzero finite value is an integer, otherwise with `precision`
 * decimals aligned to a common width, switching to scientific notation when
 * max/min of the nonzero finite magnitudes exceeds 1000, max > 1e8, or (for
 * non-integers) min < 1e-4. `nan`, `inf`, `-inf` and `-0.` are spelled as in
 * Python; rounding is exact and ties go to even. float32 values are rounded to
 * float32 first, so `0.1` prints as `0.1000` for both float dtypes. ints print
 * as integers, bools as `True`/`False`. When the tensor has more than
 * `threshold` elements, every dimension longer than `2 * edgeitems` shows only
 * its first and last `edgeitems` entries around `...`, and the width is
 * measured on the shown elements only.
 *
 * Dtype suffix: PyTorch prints `dtype=` only for non-default dtypes, its
 * defaults being float32, int64 and bool. typegrad's integer default is int32,
 * which therefore takes int64's place: a non-empty tensor shows `dtype=float64`
 * and nothing for float32, int32 and bool — i.e. the printout of an int32
 * tensor is PyTorch's printout of the same values as int64. An empty tensor
 * shows every dtype except float32 (`dtype=int32`, `dtype=bool`,
 * `dtype=float64`), as PyTorch does for all non-float32 empty tensors, and
 * also `size=(…)` unless it is 1-D. Names are written without `torch.`.
 *
 * Suffix order follows PyTorch: caller suffixes starting with `device=` come
 * first, then the generated `size=`/`dtype=`, then the remaining caller
 * suffixes (e.g. `requires_grad=True`, `grad_fn=<AddBackward0>`). A suffix that
 * would make the last line too long moves to a new line indented by 7.
 *
 * @param values contiguous row-major element values (bools as 0/1); length must equal the product of `shape`
 * @param shape dimension sizes; `[]` is a 0-d (scalar) tensor
 * @param dtype element type; it selects the printing rules and the dtype suffix
 * @param suffixes extra `key=value` items printed after the data
 * @param options print options, see {@link FormatOptions}
 * @throws RangeError when `values.length` does not match `shape` or an option is invalid
 *
 * @example
 * formatTensor([1, 2.5, -3], [3], 'float32');        // 'tensor([ 1.0000,  2.5000, -3.0000])'
 * formatTensor([1, 2, 3, 4], [2, 2], 'float64');     // 'tensor([[1., 2.],\n        [3., 4.]], dtype=float64)'
 * formatTensor([3.5], [], 'float32', ['requires_grad=True']); // 'tensor(3.5000, requires_grad=True)'
 * formatTensor([], [0, 3], 'int32');                 // 'tensor([], size=(0, 3), dtype=int32)'
 */
export function formatTensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: FormatDType,
  suffixes: string[] = [],
  options: FormatOptions = {},
): string {
  const opts = resolveOptions(options);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`formatTensor: invalid shape [${shape.join(', ')}]`);
  }
  const numel = shape.reduce((a, b) => a * b, 1);
  if (values.length !== numel) {
    throw new RangeError(`formatTensor: ${values.length} values do not fill shape [${shape.join(', ')}]`);
  }

  const generated: string[] = [];
  let body: string;
  if (numel === 0) {
    // Nothing reveals the element type of an empty tensor, so any non-float32 dtype is named.
    if (shape.length !== 1) generated.push(`size=(${shape.join(', ')})`);
    if (dtype !== 'float32') generated.push(`dtype=${dtype}`);
    body = '[]';
  } else {
    if (dtype === 'float64') generated.push('dtype=float64');
    body = renderData(values, shape, dtype, opts);
  }

  const deviceCount = suffixes.findIndex((s) => !s.startsWith('device='));
  const split = deviceCount === -1 ? suffixes.length : deviceCount;
  const ordered = [...suffixes.slice(0, split), ...generated, ...suffixes.slice(split)];
  return addSuffixes(PREFIX + body, ordered, PREFIX.length, opts.linewidth);
}

/** Prints the bracketed data of a non-empty tensor. */
function renderData(values: ArrayLike<number>, shape: readonly number[], dtype: FormatDType, opts: Resolved): string {
  const data = Float64Array.from(values);
  if (dtype === 'float32') for (let i = 0; i < data.length; i++) data[i] = Math.fround(data[i]);
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const base = { data, shape, strides, summarize: data.length > opts.threshold, edge: opts.edgeitems, linewidth: opts.linewidth };
  const shown: number[] = [];
  collectShown(base, 0, 0, shown);
  const formatter = createElementFormatter(shown, dtype, opts);
  return renderBlock({ ...base, formatter }, 0, 0, PREFIX.length);
}

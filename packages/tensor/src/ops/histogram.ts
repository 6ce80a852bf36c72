/**
 * Histograms: PyTorch's `histc` and `histogram`, composed from elementwise ops and `indexAdd` (each element's bin
 * is computed elementwise, then the counts are scattered into the bins), so every backend runs them with no
 * kernel of its own. The bin arithmetic is PyTorch's, in the input's dtype, so elements on or near an edge land
 * in the bin PyTorch puts them in.
 */
import { DEFAULT_FLOAT, isFloat, type DType } from '../dtype.js';
import { fmtShape, shapesEqual } from '../shape.js';
import type { Storage } from '../storage.js';
import { Tensor } from '../tensor.js';
import { histcOptions, histogramOptions, type HistogramSpec } from './arguments.js';
import { linspace, zeros } from './creation.js';
import { elementwise } from './elementwise.js';
import { stack } from './indexing.js';
import { record } from './record.js';
import { unrecorded } from './unrecorded.js';
import { amax, amin } from './reduction.js';

/** Options of {@link histc}, with PyTorch's names and defaults. */
export interface HistcOptions {
  /** Number of equal bins. Default 100. */
  bins?: number;
  /** Lower edge; when min = max (both 0 by default) the data's min and max are used. */
  min?: number;
  /** Upper edge, included in the last bin. */
  max?: number;
}

/** `histc`'s arguments after the input: PyTorch's positional `(bins?, min?, max?)` or an options object. */
export type HistcArgs = [] | [bins?: number, min?: number, max?: number] | [options: HistcOptions];

/** Options of {@link histogram} besides the bins. */
export interface HistogramOptions {
  /** [min, max] of the bins (with a number of bins only); the data's min and max by default. */
  range?: readonly [number, number];
  /** A weight per input element (same shape and dtype), summed instead of counting 1. */
  weight?: Tensor;
  /** Divide by the total and the bin widths, so the histogram integrates to 1. Default false. */
  density?: boolean;
}

/** What {@link histogram} returns, as torch.histogram does. */
export interface Histogram {
  /** The count (or summed weight, or density) in each bin. */
  hist: Tensor;
  /** The bins' edges: one more than the bins; bin i is [binEdges[i], binEdges[i+1]), the last one closed. */
  binEdges: Tensor;
}

/** `histogram`'s arguments after the input: `(bins, options?)` or one options object holding `bins`. */
export type HistogramArgs = [bins: number | Tensor, options?: HistogramOptions] | [options: HistogramOptions & { bins: number | Tensor }];

// ---- ranges ----

/** The dtype the counts are kept (and the bins computed) in: the input's float dtype; int32 values count as float32. */
function countType(op: string, x: Tensor): DType {
  if (isFloat(x.dtype)) return x.dtype;
  // PyTorch's CPU histc and histogram refuse integers; their values are exact in float32 up to 2^24
  if (x.dtype === 'int32') return DEFAULT_FLOAT;
  throw new TypeError(`${op}: expected a float or int32 tensor, but got ${x.dtype}`);
}

/** The data's [min, max], or null for no elements, where the bins' range must come from the data. */
type Extent = readonly [number, number] | null;

function extentSync(op: string, x: Tensor): Extent {
  if (x.numel === 0) return null;
  if (!x.storage.backend.syncRead) {
    throw new Error(`${op}: the range comes from the data's min and max, which on '${x.device}' can only be read asynchronously; use await ${op}Async(...), or give the range`);
  }
  return [amin(x).itemSync(), amax(x).itemSync()];
}

async function extentAsync(x: Tensor): Promise<Extent> {
  if (x.numel === 0) return null;
  const v = await stack([amin(x), amax(x)]).data(); // one read for both
  return [v[0], v[1]];
}

/** histc's range: the data's when min = max, widened by 1 each side when still empty (PyTorch's rules and errors). */
function histcRange(min: number, max: number, extent: () => Extent): [number, number] {
  let [lo, hi] = [min, max];
  if (lo === hi) [lo, hi] = extent() ?? [lo, hi];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`histc: range of [${lo}, ${hi}] is not finite${min === max ? ' (the data holds NaN or an infinity; give min and max)' : ''}`);
  if (!(lo < hi)) throw new Error('histc: max must be larger than min');
  return [lo, hi];
}

/** histogram's range: the data's by default ([0, 1] for no data), widened by 0.5 each side when empty. */
function histogramRange(range: readonly [number, number] | undefined, extent: () => Extent): [number, number] {
  let [lo, hi] = range ?? extent() ?? [0, 1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`histogram: range of [${lo}, ${hi}] is not finite${range ? '' : ' (the data holds NaN or an infinity; give a range)'}`);
  if (lo > hi) throw new Error(`histogram: min should not exceed max, but got min ${lo} max ${hi}`);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

// ---- bins ----

/**
 * For `bins` equal bins over [lo, hi]: whether each element of the flat float tensor x lies in the range (NaN does
 * not), and its bin by PyTorch's arithmetic in x's dtype, trunc((x − lo) / (hi − lo) · bins), as a float in
 * 0..bins (0 outside the range).
 */
function equalBins(x: Tensor, bins: number, lo: number, hi: number): { inRange: Tensor; pos: Tensor } {
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const [l, r] = [round(lo), round(hi)];
  const inRange = x.ge(l).logicalAnd(x.le(r));
  const pos = elementwise('where', [inRange, x.sub(l).div(round(r - l)).mul(bins).floor(), 0]);
  return { inRange, pos };
}

/**
 * torch.histogram's correction of the division: its bin is checked against the edges on either side (division
 * may land one bin off next to an edge), so an element on an edge lands in the bin that starts there.
 */
function searchNeighbours(x: Tensor, pos: Tensor, edges: Tensor, bins: number): Tensor {
  const p = pos.to('int32');
  const below = x.lt(edges.indexSelect(0, p));
  const above = x.ge(edges.indexSelect(0, p.add(1).minimum(bins))).logicalAnd(p.lt(bins));
  return p.sub(below.to('int32')).add(above.to('int32'));
}

/** The bin of each element for a tensor of increasing edges: how many edges are ≤ it, less one. */
function binsFromEdges(x: Tensor, edges: Tensor): { inRange: Tensor; bin: Tensor } {
  const inRange = x.ge(edges.select(0, 0)).logicalAnd(x.le(edges.select(0, -1)));
  return { inRange, bin: x.unsqueeze(1).ge(edges).sum(1).sub(1) };
}

/** Adds up `weight` (or 1) per element into its bin; elements out of range add nothing. */
function accumulate(bin: Tensor, inRange: Tensor, bins: number, dtype: DType, weight?: Tensor): Tensor {
  // the max edge belongs to the last bin; out-of-range elements go to bin 0 with nothing to add
  const index = elementwise('where', [inRange, bin.minimum(bins - 1), 0]).to('int32');
  const add = weight ? elementwise('where', [inRange, weight.reshape([-1]), 0]) : inRange.to(dtype);
  return zeros([bins], { dtype, device: bin.device }).indexAdd(0, index, add);
}

/** Runs `compute` unrecorded, releasing its intermediates at once; only what it returns survives. */
function untracked<T extends Tensor | Histogram>(compute: () => T): T {
  return unrecorded(compute, (r): Storage[] => (r instanceof Tensor ? [r.storage] : [r.hist.storage, r.binEdges.storage]));
}

// ---- the ops ----

function histcWith(input: Tensor, o: Required<HistcOptions>, extent: () => Extent): Tensor {
  const dtype = countType('histc', input);
  return untracked(() => {
    const x = input.to(dtype).reshape([-1]);
    const [lo, hi] = histcRange(o.min, o.max, () => extent());
    const { inRange, pos } = equalBins(x, o.bins, lo, hi);
    return accumulate(pos, inRange, o.bins, dtype);
  });
}

/**
 * Histogram of a tensor's values (all of them, as one flat list) in `bins` equal bins over [min, max], as
 * PyTorch's `torch.histc`: when min = max (both 0 by default) the data's min and max are used (widened by 1 each
 * side if equal); elements outside [min, max] and NaN are left out; the max edge belongs to the last bin. The
 * result has the input's float dtype (float32 for int32 input) and is not differentiable (no gradient is recorded,
 * as in PyTorch). With the range from the data, a device that reads asynchronously needs {@link histcAsync}.
 * @example histc(tensor([1, 2, 1]), { bins: 4, min: 0, max: 3 })   // [0, 2, 1, 0]
 * @example x.histc(10)                                             // 10 bins over the data's range
 */
export function histc(input: Tensor, ...args: HistcArgs): Tensor {
  const o = histcOptions(args);
  return histcWith(input, o, () => extentSync('histc', input));
}

/**
 * {@link histc} on any device: the data's min and max, when the range comes from them, are read first.
 * @example const counts = await histcAsync(activations, { bins: 50 });
 */
export async function histcAsync(input: Tensor, ...args: HistcArgs): Promise<Tensor> {
  const o = histcOptions(args);
  countType('histc', input); // refuses a bool input before any read
  const extent = o.min === o.max ? await extentAsync(input) : null;
  return histcWith(input, o, () => extent);
}

function checkTensorArg(name: string, t: Tensor, dtype: DType, input: Tensor): void {
  if (t.dtype !== dtype) throw new TypeError(`histogram: ${name} should have the input's dtype ${dtype}, but got ${t.dtype}`);
  if (t.device !== input.device) throw new Error(`histogram: expected all tensors on one device, but got the input on '${input.device}' and ${name} on '${t.device}'`);
}

function checkEdges(edges: Tensor): void {
  if (edges.ndim !== 1 || edges.numel < 2) throw new RangeError(`histogram: bins must be > 0, but got edges of shape ${fmtShape(edges.shape)} (give a 1-d tensor of at least 2 edges)`);
  if (!edges.storage.backend.syncRead) return; // checked where it costs no wait
  const v = edges.dataSync();
  for (let i = 1; i < v.length; i++) {
    if (!(v[i] >= v[i - 1])) throw new Error(`histogram: bin edges must increase monotonically, but edge ${i} is ${v[i]} after ${v[i - 1]}`);
  }
}

function histogramWith(input: Tensor, o: HistogramSpec, extent: () => Extent): Histogram {
  const dtype = countType('histogram', input);
  if (o.weight) {
    checkTensorArg('weight', o.weight, dtype, input);
    if (!shapesEqual(o.weight.shape, input.shape)) throw new Error(`histogram: weight should have the input's shape ${fmtShape(input.shape)}, but got ${fmtShape(o.weight.shape)}`);
  }
  if (o.bins instanceof Tensor) {
    checkTensorArg('bins', o.bins, dtype, input);
    checkEdges(o.bins);
  }
  const result = untracked(() => {
    const x = input.to(dtype).reshape([-1]);
    let edges: Tensor, bin: Tensor, inRange: Tensor;
    if (o.bins instanceof Tensor) {
      edges = o.bins.clone();
      ({ bin, inRange } = binsFromEdges(x, edges));
    } else {
      const [lo, hi] = histogramRange(o.range, extent);
      edges = linspace(lo, hi, o.bins + 1, { dtype, device: input.device });
      const eq = equalBins(x, o.bins, lo, hi);
      ({ inRange } = eq);
      bin = searchNeighbours(x, eq.pos, edges, o.bins);
    }
    let hist = accumulate(bin, inRange, edges.numel - 1, dtype, o.weight);
    // as PyTorch: divide by the total, then by each bin's width (no elements gives NaN, 0/0)
    if (o.density) hist = hist.div(hist.sum()).div(edges.slice(0, 1).sub(edges.slice(0, 0, -1)));
    return { hist, binEdges: edges };
  });
  // PyTorch gives the results a node whose backward fails ("not implemented"): recorded the same way here
  const inputs = o.weight ? [input, o.weight] : [input];
  record('histogram', inputs, result.hist);
  record('histogram', inputs, result.binEdges);
  return result;
}

/**
 * torch.histogram: the histogram of a float tensor's values (all of them) with `bins` equal bins over `range`
 * (the data's min and max by default, widened by 0.5 each side if equal), or with bins given as a 1-d tensor of
 * increasing edges. Each element adds 1, or its `weight`; with `density` the histogram is divided by the total and
 * the bin widths. Elements outside the edges and NaN are left out; the last bin includes its right edge. Int32
 * input is binned as float32. With the range from the data, a device that reads asynchronously needs
 * {@link histogramAsync}. Not differentiable: backward through the results throws, as in PyTorch.
 * @example const { hist, binEdges } = histogram(x, 10, { range: [-3, 3] });
 * @example histogram(x, { bins: tensor([0, 0.5, 2]), weight: w, density: true })
 */
export function histogram(input: Tensor, ...args: HistogramArgs): Histogram {
  const o = histogramOptions(args);
  return histogramWith(input, o, () => extentSync('histogram', input));
}

/**
 * {@link histogram} on any device: the data's min and max, when the range comes from them, are read first.
 * @example const { hist } = await histogramAsync(x, 20);
 */
export async function histogramAsync(input: Tensor, ...args: HistogramArgs): Promise<Histogram> {
  const o = histogramOptions(args);
  countType('histogram', input); // refuses a bool input before any read
  const fromData = !(o.bins instanceof Tensor) && o.range === undefined;
  const extent = fromData ? await extentAsync(input) : null;
  return histogramWith(input, o, () => extent);
}

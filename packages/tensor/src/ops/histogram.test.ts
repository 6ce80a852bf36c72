import { expect, it } from 'vitest';
import { histc, histcAsync, histogram, histogramAsync, tensor, type Histogram, type HistogramArgs, type HistcArgs, type Tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

// Every op here also has golden cases against PyTorch (fixtures/ops.json, group reduce); these tests show the
// rules one at a time, on values whose counts can be checked by eye.
describeBackends('histc', ({ device, syncRead }) => {
  const t = (v: number[], dtype: 'float32' | 'int32' = 'float32') => tensor(v, { device, dtype });
  /** histc, or histcAsync where the range comes from the data and the device reads asynchronously. */
  const counts = async (x: Tensor, ...args: HistcArgs) => (syncRead ? histc(x, ...args) : histcAsync(x, ...args));

  it('counts values in equal bins; the max edge is in the last bin; values outside are left out', async () => {
    const x = t([0, 0.5, 1, 1.5, 2, 3, 3, -0.1, 3.1]);
    await expectValues(histc(x, { bins: 3, min: 0, max: 3 }), [2, 2, 3]);
    await expectValues(x.histc(3, 0, 3), [2, 2, 3]); // PyTorch's positional form
    await expectValues(x.histc({ bins: 6, min: 0, max: 3 }), [1, 1, 1, 1, 1, 2]);
  });

  it('NaN is left out when the range is given; result is the float dtype of the input (float32 for int32)', async () => {
    await expectValues(histc(t([1, NaN, 3, Infinity, -Infinity, 0]), { bins: 3, min: 0, max: 3 }), [1, 1, 1]);
    const h = histc(t([0, 1, 2, 2, 3, 9], 'int32'), { bins: 3, min: 0, max: 3 });
    expect(h.dtype).toBe('float32');
    await expectValues(h, [1, 1, 3]);
  });

  it('min = max (0 by default) takes the range from the data, widened by 1 when the data are equal', async () => {
    await expectValues(await counts(t([1, 2, 2, 4]), 3), [1, 2, 1]); // [1, 4]: edges 1, 2, 3, 4
    await expectValues(await counts(t([0, 1, 2, 3]), { bins: 3, min: 1, max: 1 }), [1, 1, 2]);
    await expectValues(await counts(t([2, 2, 2]), { bins: 4 }), [0, 0, 3, 0]); // [1, 3]
    await expectValues(await counts(t([]), { bins: 2 }), [0, 0]);
    expect((await counts(t([0.5]))).shape).toEqual([100]);
  });

  it("refuses what PyTorch refuses, in PyTorch's words", async () => {
    await expect(counts(t([1, NaN, 3]), 3)).rejects.toThrow('histc: range of [NaN, NaN] is not finite (the data holds NaN or an infinity; give min and max)');
    await expect(counts(t([1, Infinity]), 4)).rejects.toThrow('histc: range of [1, Infinity] is not finite');
    expect(() => histc(t([1, 2]), { bins: 4, min: 3, max: 1 })).toThrow('histc: max must be larger than min');
    expect(() => histc(t([1, 2]), { bins: 4, min: 1 })).toThrow('histc: max must be larger than min');
    expect(() => histc(t([1, 2]), 0)).toThrow(RangeError);
    expect(() => histc(t([1, 2]), 0)).toThrow('histc: bins must be > 0, but got 0');
    expect(() => histc(t([1, 2]), 3.5)).toThrow('histc: received an invalid combination of arguments - got (3.5): bins must be an integer, not 3.5');
    // @ts-expect-error PyTorch's names are min and max
    expect(() => histc(t([1, 2]), { bins: 3, range: [0, 1] })).toThrow("unknown option 'range'; the options are bins, min, max");
    // @ts-expect-error at most (bins, min, max)
    expect(() => histc(t([1, 2]), 3, 0, 1, 2)).toThrow('histc: received an invalid combination of arguments - got (3, 0, 1, 2): it takes at most 3 arguments, but got 4');
    expect(() => histc(tensor([true, false], { device }), { bins: 2, min: 0, max: 1 })).toThrow('histc: expected a float or int32 tensor, but got bool');
  });

  it('on a device that reads asynchronously, a range from the data needs histcAsync', () => {
    if (syncRead) return;
    expect(() => histc(t([1, 2]), 4)).toThrow(`histc: the range comes from the data's min and max, which on '${device}' can only be read asynchronously; use await histcAsync(...), or give the range`);
  });
});

describeBackends('histogram', ({ device, syncRead, tol }) => {
  const t = (v: number[]) => tensor(v, { device });
  const hist = async (x: Tensor, ...args: HistogramArgs): Promise<Histogram> => (syncRead ? histogram(x, ...args) : histogramAsync(x, ...args));

  it('returns the counts and the bin edges; the last bin includes its right edge', async () => {
    const { hist: h, binEdges } = histogram(t([0, 0.5, 1, 1.5, 2, -1, 5]), 4, { range: [0, 2] });
    await expectValues(h, [1, 1, 1, 2]);
    await expectValues(binEdges, [0, 0.5, 1, 1.5, 2]);
    const fromData = await hist(t([1, 2, 2, 4]), { bins: 3 });
    await expectValues(fromData.hist, [1, 2, 1]);
    await expectValues(fromData.binEdges, [1, 2, 3, 4]);
  });

  it('an element on an edge lands in the bin that starts there, as torch.histogram checks the edges', async () => {
    // the float32 values of 0.1·k: division alone puts some of them one bin low
    const edges = Array.from({ length: 11 }, (_, k) => Math.fround(k / 10));
    await expectValues(histogram(t(edges), 10, { range: [0, 1] }).hist, [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('weights, density, and bins given as edges', async () => {
    const x = t([0, 1, 2, 2.5]);
    await expectValues((await hist(x, 2, { weight: t([0.5, 2, 3, 1]) })).hist, [2.5, 4]);
    // counts [2, 2] over width 1.25: 2 / 4 / 1.25
    await expectValues(histogram(x, 2, { range: [0, 2.5], density: true }).hist, [0.4, 0.4], tol);
    const uneven = histogram(x, { bins: t([0, 0.5, 3]) });
    await expectValues(uneven.hist, [1, 3]);
    await expectValues(uneven.binEdges, [0, 0.5, 3]);
    // weights 1 | 2, 3, 4 over widths 0.5 | 2.5, divided by the total 10
    await expectValues(histogram(x, { bins: t([0, 0.5, 3]), weight: t([1, 2, 3, 4]), density: true }).hist, [0.2, 0.36], tol);
    const empty = histogram(t([5]), 2, { range: [0, 1], density: true }).hist;
    await expectValues(empty, [NaN, NaN]); // 0 / 0, as PyTorch
  });

  it('the range: the data by default ([0, 1] for no data), widened by 0.5 when empty; NaN left out', async () => {
    await expectValues((await hist(t([2, 2]), 2)).binEdges, [1.5, 2, 2.5]);
    await expectValues((await hist(t([]), 2)).binEdges, [0, 0.5, 1]);
    await expectValues(histogram(t([1, 2, 0.75]), 2, { range: [1, 1] }).binEdges, [0.5, 1, 1.5]);
    await expectValues(histogram(t([0, 1, NaN, 2, 3, Infinity]), 3, { range: [0, 3] }).hist, [1, 1, 2]);
  });

  it("refuses what PyTorch refuses, in PyTorch's words", async () => {
    await expect(hist(t([0, NaN]), 3)).rejects.toThrow('histogram: range of [NaN, NaN] is not finite (the data holds NaN or an infinity; give a range)');
    expect(() => histogram(t([1]), 2, { range: [0, Infinity] })).toThrow('histogram: range of [0, Infinity] is not finite');
    expect(() => histogram(t([1]), 2, { range: [3, 1] })).toThrow('histogram: min should not exceed max, but got min 3 max 1');
    expect(() => histogram(t([1]), 0, { range: [0, 1] })).toThrow('histogram: bins must be > 0, but got 0');
    expect(() => histogram(t([1]), { bins: t([0]) })).toThrow('histogram: bins must be > 0, but got edges of shape [1]');
    expect(() => histogram(t([1]), { bins: t([0, 1]), range: [0, 1] })).toThrow('histogram: received an invalid combination of arguments - got ({ bins: a float32 tensor of shape [2], range: [0, 1] }): range cannot be given with a tensor of bin edges');
    expect(() => histogram(t([1, 2]), 2, { range: [0, 2], weight: t([1]) })).toThrow("histogram: weight should have the input's shape [2], but got [1]");
    expect(() => histogram(t([1, 2]), 2, { range: [0, 2], weight: tensor([1, 2], { dtype: 'int32', device }) })).toThrow("histogram: weight should have the input's dtype float32, but got int32");
    // @ts-expect-error density is a boolean
    expect(() => histogram(t([1]), 2, { density: 1 })).toThrow('histogram: received an invalid combination of arguments - got (2, { density: 1 }): density must be a boolean, not 1');
    // @ts-expect-error bins is required
    expect(() => histogram(t([1]), { range: [0, 1] })).toThrow('bins must be an integer, not undefined');
    if (syncRead) expect(() => histogram(t([1]), { bins: t([0, 2, 1]) })).toThrow('histogram: bin edges must increase monotonically, but edge 2 is 1 after 2');
    else expect(() => histogram(t([1, 2]), 4)).toThrow('use await histogramAsync(...), or give the range');
  });
});

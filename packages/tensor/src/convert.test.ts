import { describe, expect, it } from 'vitest';
import { arange, full, fullLike, linspace, ones, tensor, where, zeros } from './index.js';
import { describeBackends, expectValues } from './testing/backends.js';
import { overflows, toElement } from './convert.js';

// Each expectation is what PyTorch 1.13 gives for the same call (torch.tensor, torch.full, Tensor.fill_, …), except
// arange past int32, which PyTorch wraps around and typegrad refuses.
const OVERFLOW = (op: string, v: number | string, dtype = 'int32') => `${op}: value ${v} cannot be converted to type ${dtype} without overflow`;

describe('toElement: JavaScript numbers into a dtype, checked as PyTorch checks Python scalars', () => {
  it('truncates toward zero into int32, and refuses NaN, ±∞ and values beyond int32 before truncation', () => {
    expect([3.7, -3.7, 2 ** 31 - 1, -(2 ** 31), true].map((v) => toElement('full', v, 'int32'))).toEqual([3, -3, 2147483647, -2147483648, 1]);
    for (const v of [2 ** 40, 2 ** 31, -(2 ** 31) - 1, 2147483647.5, -2147483648.9, NaN, Infinity, -Infinity]) {
      expect(() => toElement('full', v, 'int32')).toThrow(OVERFLOW('full', v));
    }
  });
  it('holds any number as bool (NaN is true) and float64; float32 refuses finite values beyond its range', () => {
    expect([2 ** 40, NaN, 0, -0.5].map((v) => toElement('full', v, 'bool'))).toEqual([1, 1, 0, 1]);
    expect(toElement('full', 1e300, 'float64')).toBe(1e300);
    expect(toElement('full', Infinity, 'float32')).toBe(Infinity);
    expect(toElement('full', 0.1, 'float32')).toBe(Math.fround(0.1));
    expect(() => toElement('full', 1e300, 'float32')).toThrow(OVERFLOW('full', 1e300, 'float32'));
    expect(overflows(-1e39, 'float32')).toBe(true);
  });
});

describeBackends('JavaScript numbers into int32 and bool tensors', ({ device }) => {
  const int32 = { dtype: 'int32', device } as const;

  it('tensor() truncates fractions and refuses what int32 cannot hold, naming the element', async () => {
    expect(() => tensor([2 ** 40, NaN, 3.7], int32)).toThrow('tensor: value 1099511627776 (element 0) cannot be converted to type int32 without overflow');
    expect(() => tensor([1, NaN, 3.7], int32)).toThrow('tensor: value NaN (element 1) cannot be converted to type int32 without overflow');
    expect(() => tensor(2 ** 31, int32)).toThrow(OVERFLOW('tensor', 2 ** 31));
    await expectValues(tensor([3.7, -3.7, 2 ** 31 - 1, -(2 ** 31), true], int32), [3, -3, 2147483647, -2147483648, 1], 0);
    await expectValues(tensor([NaN, 2 ** 40, 0], { dtype: 'bool', device }), [true, true, false]);
    await expectValues(tensor([1e300]), [Infinity]); // float32 overflows to ∞ in torch.tensor too
  });

  it('tensor() keeps a typed array of its own dtype as it is, and checks one it converts', async () => {
    await expectValues(tensor(Int32Array.of(-2147483648, 7), { device }), [-2147483648, 7], 0);
    await expectValues(tensor(Float64Array.of(0.1), { dtype: 'float64', device: 'cpu' }), [0.1], 0);
    await expectValues(tensor(Uint8Array.of(255, 0), { device }), [255, 0], 0);
    expect(() => tensor(Uint32Array.of(4294967295) as unknown as Int32Array, { device })).toThrow(OVERFLOW('tensor', 4294967295));
    expect(() => tensor(Float32Array.of(1, NaN), int32)).toThrow('tensor: value NaN (element 1) cannot be converted to type int32 without overflow');
    expect(() => tensor(BigInt64Array.of(1n) as unknown as Int32Array, { device })).toThrow('tensor: cannot make a tensor from a BigInt64Array');
  });

  it('full, zeros, ones and fullLike refuse a value the dtype cannot hold, before allocating', async () => {
    expect(() => full([2], 2 ** 40, int32)).toThrow(OVERFLOW('full', 2 ** 40));
    expect(() => full([2], NaN, int32)).toThrow(OVERFLOW('full', NaN));
    expect(() => full([2], -Infinity, int32)).toThrow(OVERFLOW('full', -Infinity));
    expect(() => full([2], 1e300, { device })).toThrow(OVERFLOW('full', 1e300, 'float32'));
    expect(() => fullLike(ones([2], int32), 2 ** 31)).toThrow(OVERFLOW('fullLike', 2 ** 31));
    await expectValues(full([2], 3.7, int32), [3, 3], 0);
    await expectValues(full([5000], -3.7, int32).sum(), -15000, 0); // large enough to be filled by a kernel on a GPU
    await expectValues(full([2], 2 ** 40, { dtype: 'bool', device }), [true, true]);
    await expectValues(full([2], NaN, { dtype: 'bool', device }), [true, true]);
    await expectValues(zeros([2], int32), [0, 0], 0);
  });

  it('fill_ checks as full does; maskedFill, where and clamp check their scalars in the result dtype', async () => {
    const x = () => ones([3], int32);
    const mask = tensor([true, false, false], { device });
    expect(() => x().fill_(2 ** 40)).toThrow(OVERFLOW('fill_', 2 ** 40));
    expect(() => x().fill_(NaN)).toThrow(OVERFLOW('fill_', NaN));
    await expectValues(x().fill_(-3.7), [-3, -3, -3], 0);
    expect(() => x().maskedFill(mask, 2 ** 40)).toThrow(OVERFLOW('maskedFill', 2 ** 40));
    expect(() => x().maskedFill(mask, Infinity)).toThrow(OVERFLOW('maskedFill', Infinity));
    expect(() => x().maskedFill_(mask, NaN)).toThrow(OVERFLOW('maskedFill_', NaN));
    await expectValues(x().maskedFill(mask, 3.5), [3, 1, 1], 0);
    expect(() => zeros([3], { device }).maskedFill(mask, 1e300)).toThrow(OVERFLOW('maskedFill', 1e300, 'float32'));
    await expectValues(zeros([3], { device }).maskedFill(mask, NaN), [NaN, 0, 0]);
    expect(() => where(mask, x(), 2 ** 40)).toThrow(OVERFLOW('where', 2 ** 40));
    await expectValues(where(mask, x(), 3.5), [1, 3.5, 3.5]); // a fractional scalar makes the result float
    expect(() => x().clamp(0, 2 ** 40)).toThrow(OVERFLOW('clamp', 2 ** 40));
    expect(() => x().clamp_(-(2 ** 40))).toThrow(OVERFLOW('clamp_', -(2 ** 40)));
    expect(() => x().clamp_(0, 1.5)).toThrow("clamp_: result type float32 can't be cast to the desired output type int32");
    expect(() => ones([2], { device }).clamp(null, 1e300)).toThrow(OVERFLOW('clamp', 1e300, 'float32'));
    await expectValues(x().clamp(0.5, 2), [1, 1, 1]);
  });

  it('plain scalar operands wrap around int32 as in PyTorch; alpha and integer powers are checked', async () => {
    const x = () => ones([2], int32);
    await expectValues(x().add(2 ** 31), [-2147483647, -2147483647], 0);
    await expectValues(x().add(2 ** 40), [1, 1], 0);
    await expectValues(x().lt(2 ** 40), [false, false]);
    expect(() => x().add(1, { alpha: 2 ** 40 })).toThrow(OVERFLOW('add', 2 ** 40));
    expect(() => x().sub(x(), { alpha: 2 ** 31 })).toThrow(OVERFLOW('sub', 2 ** 31));
    expect(() => x().add(x(), { alpha: 2.5 })).toThrow('add: for integral input tensors, argument alpha must not be a floating point number (got 2.5)');
    expect(() => ones([2], { device }).add_(ones([2], { device }), { alpha: 1e300 })).toThrow(OVERFLOW('add_', 1e300, 'float32'));
    await expectValues(x().add(1, { alpha: 2 }), [3, 3], 0);
    await expectValues(x().sub(1, { alpha: 3 }), [-2, -2], 0);
    await expectValues(ones([2], { device }).add(1, { alpha: 2.5 }), [3.5, 3.5]);
    expect(() => tensor([1, 2], int32).pow(-1)).toThrow('pow: Integers to negative integer powers are not allowed.');
    expect(() => tensor([true], { dtype: 'bool', device }).pow(-1)).toThrow('pow: Integers to negative integer powers are not allowed.');
    expect(() => tensor([1, 2], int32).pow(2 ** 31)).toThrow(OVERFLOW('pow', 2 ** 31));
    await expectValues(tensor([2], int32).pow(0), [1], 0);
    await expectValues(tensor([4], int32).pow(0.5), [2]);
  });

  it('arange with an integer dtype truncates start and step and takes its length from the numbers as given', async () => {
    await expectValues(arange(-0.5, 2, int32), [0, 1, 2], 0);
    await expectValues(arange(-2.5, 2, 1, int32), [-2, -1, 0, 1, 2], 0);
    await expectValues(arange(0, 3, 1.5, int32), [0, 1], 0);
    await expectValues(arange(0, 5, 2.5, int32), [0, 2], 0);
    await expectValues(arange(0, 3.5, int32), [0, 1, 2, 3], 0);
    expect(() => arange(0, 3, 0.7, int32)).toThrow('arange: step must be nonzero');
    expect(() => arange(5, { dtype: 'bool', device })).toThrow("arange: not implemented for 'bool'");
    expect(() => arange(0, 2 ** 40, 2 ** 39, int32)).toThrow(OVERFLOW('arange', 2 ** 39));
    expect(() => arange(2 ** 31 - 2, 2 ** 31 + 1, int32)).toThrow(OVERFLOW('arange', 2 ** 31));
    expect(() => arange(0, 5, NaN)).toThrow('arange: step must be a finite number, got NaN');
    expect(() => arange(NaN)).toThrow('arange: unsupported range 0 -> NaN');
  });

  it('linspace refuses values its dtype cannot hold and truncates into int32', async () => {
    await expectValues(linspace(0, 10, 4, int32), [0, 3, 6, 10], 0);
    expect(() => linspace(0, 2 ** 40, 3, int32)).toThrow(OVERFLOW('linspace', 2 ** 39));
    expect(() => linspace(0, 1e300, 3, { device })).toThrow(OVERFLOW('linspace', 5e299, 'float32'));
  });
});

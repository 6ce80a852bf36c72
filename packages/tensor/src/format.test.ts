import { describe, expect, it } from 'vitest';
import formatFixture from '../fixtures/format.json?raw';
import { formatTensor, type FormatDType, type FormatOptions } from './format.js';
import { formatExponent, formatFixed } from './format/number.js';

/** One reference printout; see fixtures/make_format_fixtures.py for the format. */
interface FormatCase {
  name: string;
  dtype: FormatDType;
  shape: number[];
  values?: (number | 'NaN' | 'Infinity' | '-Infinity')[];
  /** [mul, mod, offset, scale, patches?]: values[i] = ((i * mul) % mod + offset) * scale */
  gen?: [number, number, number, number, [number, number][]?];
  suffixes?: string[];
  options?: FormatOptions;
  expected: string;
}

// imported as text rather than read from disk, so the suite also runs in a browser (and −0 survives)
const cases = JSON.parse(formatFixture) as FormatCase[];

function caseValues(c: FormatCase): number[] {
  if (c.values) return c.values.map(Number); // Number('NaN') etc. restores the non-finite values
  const [mul, mod, offset, scale, patches = []] = c.gen!;
  const n = c.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (((i * mul) % mod) + offset) * scale);
  for (const [index, value] of patches) values[index] = value;
  return values;
}

describe('formatTensor: PyTorch reference printouts', () => {
  it('has a broad fixture set', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(formatTensor(caseValues(c), c.shape, c.dtype, c.suffixes, c.options)).toBe(c.expected);
  });
});

describe('formatTensor: examples', () => {
  it('aligns floats to a common width with 4 decimals', () => {
    expect(formatTensor([1, 2.5, -3], [3], 'float32')).toBe('tensor([ 1.0000,  2.5000, -3.0000])');
  });

  it('prints integer-valued floats with a trailing point', () => {
    expect(formatTensor([1, 2], [2], 'float32')).toBe('tensor([1., 2.])');
    expect(formatTensor([1, 2, 3, 4], [2, 2], 'float64')).toBe('tensor([[1., 2.],\n        [3., 4.]], dtype=float64)');
  });

  it('switches to scientific notation for wide ranges', () => {
    expect(formatTensor([1e-5, 1, Number.NaN, -Infinity], [4], 'float32')).toBe(
      'tensor([1.0000e-05, 1.0000e+00,        nan,       -inf])',
    );
  });

  it('formats the float32 value for float32 tensors', () => {
    expect(formatTensor(new Float32Array([0.1, 0.2]), [2], 'float32')).toBe('tensor([0.1000, 0.2000])');
    expect(formatTensor([16777217], [], 'float32')).toBe('tensor(16777216.)');
    expect(formatTensor([16777217], [], 'float64')).toBe('tensor(16777217., dtype=float64)');
  });

  it('prints ints, bools, scalars and negative zero', () => {
    expect(formatTensor([1, -20, 300], [3], 'int32')).toBe('tensor([  1, -20, 300])');
    expect(formatTensor([1, 0], [2], 'bool')).toBe('tensor([ True, False])');
    expect(formatTensor([3.5], [], 'float32', ['requires_grad=True'])).toBe('tensor(3.5000, requires_grad=True)');
    expect(formatTensor([-0, 1], [2], 'float32')).toBe('tensor([-0., 1.])');
  });

  it('names size and dtype of empty tensors', () => {
    expect(formatTensor([], [0], 'float32')).toBe('tensor([])');
    expect(formatTensor([], [0], 'bool')).toBe('tensor([], dtype=bool)');
    expect(formatTensor([], [0, 3], 'int32')).toBe('tensor([], size=(0, 3), dtype=int32)');
  });

  it('summarises large tensors with edge items on every dimension', () => {
    const values = Array.from({ length: 2000 }, (_, i) => i);
    expect(formatTensor(values, [2000], 'int32')).toBe('tensor([   0,    1,    2,  ..., 1997, 1998, 1999])');
    // Alignment and the notation come from the shown elements only.
    const shifted = values.map((v) => v + 1000);
    expect(formatTensor(shifted, [40, 50], 'float32')).toBe(
      [
        'tensor([[1000., 1001., 1002.,  ..., 1047., 1048., 1049.],',
        '        [1050., 1051., 1052.,  ..., 1097., 1098., 1099.],',
        '        [1100., 1101., 1102.,  ..., 1147., 1148., 1149.],',
        '        ...,',
        '        [2850., 2851., 2852.,  ..., 2897., 2898., 2899.],',
        '        [2900., 2901., 2902.,  ..., 2947., 2948., 2949.],',
        '        [2950., 2951., 2952.,  ..., 2997., 2998., 2999.]])',
      ].join('\n'),
    );
  });

  it('separates 3-D blocks with a blank line', () => {
    expect(formatTensor([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2], 'int32')).toBe(
      'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])',
    );
  });

  it('wraps long rows and puts suffixes that do not fit on their own line', () => {
    const row = Array.from({ length: 12 }, (_, i) => i * 1.5);
    expect(formatTensor(row, [12], 'float64', ["device='webgpu'", 'requires_grad=True'])).toBe(
      [
        'tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,',
        '        12.0000, 13.5000, 15.0000, 16.5000], device=\'webgpu\', dtype=float64,',
        '       requires_grad=True)',
      ].join('\n'),
    );
  });

  it('honours print options', () => {
    expect(formatTensor([Math.PI, -1], [2], 'float64', [], { precision: 2 })).toBe(
      'tensor([ 3.14, -1.00], dtype=float64)',
    );
    expect(formatTensor([1, 2, 3], [3], 'float32', [], { sciMode: true })).toBe(
      'tensor([1.0000e+00, 2.0000e+00, 3.0000e+00])',
    );
    expect(formatTensor([0, 1, 2, 3, 4, 5], [6], 'int32', [], { threshold: 5, edgeitems: 1 })).toBe('tensor([0,  ..., 5])');
  });

  it('rejects values that do not match the shape', () => {
    expect(() => formatTensor([1, 2, 3], [2, 2], 'float32')).toThrow(RangeError);
    expect(() => formatTensor([1], [1], 'float32', [], { precision: -1 })).toThrow(RangeError);
  });
});

describe('decimal formatting matches Python', () => {
  it('rounds exact ties to even and keeps the sign of zero', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(-0, 4)).toBe('-0.0000');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatFixed(1e22, 1)).toBe('10000000000000000000000.0');
  });

  it('writes exponents with at least two digits and carries', () => {
    expect(formatExponent(12345, 0)).toBe('1e+04');
    expect(formatExponent(0, 4)).toBe('0.0000e+00');
    expect(formatExponent(9.99996, 4)).toBe('1.0000e+01');
    expect(formatExponent(1e100, 4)).toBe('1.0000e+100');
    expect(formatExponent(5e-324, 4)).toBe('4.9407e-324');
  });
});

import { describe, expect, it } from 'vitest';
import { parseBooleanField, parseIntField, parseNumberField } from './field-values.js';

describe('parseNumberField', () => {
  it('reads finite decimal notation', () => {
    const texts = ['42', '-0.5', '+2', '.5', '1.', '1.5e-3', '2E10', '1e308', '1e-400'];
    expect(texts.map((t) => parseNumberField(t))).toEqual([42, -0.5, 2, 0.5, 1, 0.0015, 2e10, 1e308, 0].map((value) => ({ value })));
  });

  it('refuses non-finite values and other notations, saying what a number is', () => {
    const notation = 'is not a number (expected decimal notation such as 42, -0.5 or 1.5e-3; not Infinity, NaN, hex or digit separators)';
    for (const text of ['Infinity', '-Infinity', 'inf', 'NaN', 'nan', 'NA', '0x10', '1_000', '1,000', '1e', '.', '- 1', '١٢']) {
      expect(parseNumberField(text)).toEqual({ error: `${JSON.stringify(text)} ${notation}` });
    }
    for (const text of ['1e999', '-1e999', '2e308']) {
      expect(parseNumberField(text)).toEqual({ error: `${JSON.stringify(text)} is out of range (a number must be finite: at most about 1.8e308 in size)` });
    }
    expect(parseNumberField('')).toEqual({ error: 'is empty (expected a number)' });
  });
});

describe('parseIntField', () => {
  it('reads int32 integers', () => {
    expect(['0', '-7', '+3', '007', '-0', '2147483647', '-2147483648'].map((t) => parseIntField(t)))
      .toEqual([0, -7, 3, 7, 0, 2147483647, -2147483648].map((value) => ({ value })));
    expect(Object.is((parseIntField('-0') as { value: number }).value, 0)).toBe(true);
  });

  it('refuses values beyond int32 instead of wrapping or rounding them', () => {
    const range = "is out of range for an int column (-2147483648 to 2147483647, int32; read larger integers as 'number')";
    for (const text of ['2147483648', '-2147483649', '4294967296', '9007199254740993', '1' + '0'.repeat(400)]) {
      expect(parseIntField(text)).toEqual({ error: `${JSON.stringify(text)} ${range}` });
    }
  });

  it('refuses anything but digits with a sign', () => {
    for (const text of ['1.5', '1e3', '1.0', '0x10', '1_000', 'Infinity', 'NaN', '+', '']) {
      const expected = text === '' ? 'is empty (expected an integer)' : `${JSON.stringify(text)} is not an integer (expected digits with an optional sign, such as 42 or -7)`;
      expect(parseIntField(text)).toEqual({ error: expected });
    }
  });
});

describe('parseBooleanField', () => {
  it('reads true, false, 1 and 0 in any letter case', () => {
    expect(['true', 'TRUE', 'False', '1', '0'].map(parseBooleanField)).toEqual([true, true, false, true, false].map((value) => ({ value })));
  });

  it('refuses every other text, names of Object members included', () => {
    for (const text of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'yes', 't', '']) {
      expect(parseBooleanField(text)).toEqual({ error: `${JSON.stringify(text)} is not a boolean (true, false, 1 or 0, in any letter case)` });
    }
  });
});

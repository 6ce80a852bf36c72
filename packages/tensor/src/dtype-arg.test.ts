import { describe, expect, it } from 'vitest';
import {
  arange, dropoutMask, eye, full, fullLike, linspace, ones, onesLike, rand, randint, randLike, randn, randnLike, randperm, tensor, zeros, zerosLike,
  type DType,
} from './index.js';
import { checkDTypeArg, looksLikeDType, unknownDType } from './dtype-arg.js';

const LIST = "typegrad's dtypes are float32, float64, int32 and bool";

describe('dtypes typegrad does not have', () => {
  it('are named with the dtypes there are and the nearest one', () => {
    expect(unknownDType('zeros', 'int64').message).toBe(`zeros: dtype 'int64' is not supported; ${LIST} (use 'int32' instead)`);
    for (const name of ['float16', 'bfloat16', 'half', 'float', 'torch.float16']) expect(unknownDType('x', name).message).toContain("(use 'float32' instead)");
    for (const name of ['int8', 'uint8', 'int16', 'long', 'int', 'uint32']) expect(unknownDType('x', name).message).toContain("(use 'int32' instead)");
    expect(unknownDType('x', 'double').message).toContain("(use 'float64' instead)");
    expect(unknownDType('x', 'boolean').message).toContain("(use 'bool' instead)");
    expect(unknownDType('x', 'complex64').message).toBe(`x: dtype 'complex64' is not supported; ${LIST}`);
    expect(unknownDType('x', 32).message).toBe(`x: dtype 32 is not supported; ${LIST}`);
    expect(unknownDType('x', 'constructor').message).toBe(`x: dtype 'constructor' is not supported; ${LIST}`);
    expect(checkDTypeArg('x', 'bool')).toBe('bool');
    expect(looksLikeDType('Float16')).toBe(true);
    expect(looksLikeDType('webgpu')).toBe(false);
  });

  it('are refused by every entry point that takes a dtype, naming it', () => {
    const bad = { dtype: 'int64' as DType };
    const x = tensor([1, 2]);
    const calls: [string, () => unknown][] = [
      ['tensor', () => tensor([1], bad)],
      ['full', () => full([2], 1, bad)],
      ['zeros', () => zeros([2], bad)],
      ['ones', () => ones([2], bad)],
      ['zerosLike', () => zerosLike(x, bad)],
      ['onesLike', () => onesLike(x, bad)],
      ['fullLike', () => fullLike(x, 1, bad)],
      ['arange', () => arange(3, bad)],
      ['linspace', () => linspace(0, 1, 3, bad)],
      ['eye', () => eye(2, 2, bad)],
      ['rand', () => rand([2], bad)],
      ['randn', () => randn([2], bad)],
      ['randint', () => randint(0, 3, [2], bad)],
      ['randperm', () => randperm(3, bad)],
      ['dropoutMask', () => dropoutMask([2], 0.5, bad)],
      ['rand', () => randLike(x, bad)],
      ['randn', () => randnLike(x, bad)],
      ['to', () => x.to('int64' as DType)],
      ['to', () => x.to({ dtype: 'int64' as DType })],
    ];
    for (const [op, call] of calls) expect(call, op).toThrow(`${op}: dtype 'int64' is not supported; ${LIST} (use 'int32' instead)`);
    expect(() => x.to('float16' as DType)).toThrow(`to: dtype 'float16' is not supported; ${LIST} (use 'float32' instead)`);
    expect(() => x.to('gpu')).toThrow("device 'gpu' is not available");
  });
});

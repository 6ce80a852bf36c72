import { expect, it } from 'vitest';
import { logsumexp, tensor, type Tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

// x = [[1, -2, 3], [0.5, 4, -1]]: every expected value below is worked out by hand from these six numbers
const X = [[1, -2, 3], [0.5, 4, -1]];
const lse = (row: number[]) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0));

describeBackends("reductions take PyTorch's positional (dim, keepdim)", ({ device, tol }) => {
  const x = () => tensor(X, { device });

  it('sum(1, true) keeps the dim, so P.div(P.sum(1, true)) has rows that sum to 1', async () => {
    const P = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { device });
    expect(P.sum(1, true).shape).toEqual([3, 1]);
    const rows = P.div(P.sum(1, true));
    await expectValues(rows.sum(1), [1, 1, 1], tol);
    await expectValues(rows, [[1 / 6, 2 / 6, 3 / 6], [4 / 15, 5 / 15, 6 / 15], [7 / 24, 8 / 24, 9 / 24]], tol);
    // the lecture's trap, for contrast: without keepdim the sums broadcast along rows, not columns
    await expectValues(P.div(P.sum(1)).sum(1), [1 / 6 + 2 / 15 + 3 / 24, 4 / 6 + 5 / 15 + 6 / 24, 7 / 6 + 8 / 15 + 9 / 24], tol);
  });

  it('sum, mean, prod, amax, amin and logsumexp with (dim, keepdim)', async () => {
    await expectValues(x().sum(1, true), [[2], [3.5]], tol);
    await expectValues(x().sum(0, false), [1.5, 2, 2], tol);
    await expectValues(x().sum([0, 1], true), [[5.5]], tol);
    await expectValues(x().sum(null, true), [[5.5]], tol);
    await expectValues(x().sum(undefined, true), [[5.5]], tol);
    await expectValues(x().mean(0, true), [[0.75, 1, 1]], tol);
    await expectValues(x().prod(1, true), [[-6], [-2]], tol);
    await expectValues(x().amax(1, true), [[3], [4]], tol);
    await expectValues(x().amin(-1, true), [[-2], [-1]], tol);
    await expectValues(x().amin(0, true), [[0.5, -2, -1]], tol);
    await expectValues(x().logsumexp(1, true), [[lse(X[0])], [lse(X[1])]], tol);
    await expectValues(logsumexp(x(), 1, true), [[lse(X[0])], [lse(X[1])]], tol);
    await expectValues(x().logsumexp(1), [lse(X[0]), lse(X[1])], tol);
  });

  it('all and any with (dim, keepdim)', async () => {
    const z = tensor([[1, 0, 3], [2, 4, -1]], { device });
    await expectValues(z.all(1, true), [[false], [true]]);
    await expectValues(z.any(0, true), [[true, true, true]]);
    await expectValues(z.eq(0).any(1, true), [[true], [false]]);
  });

  it('the options objects keep working and agree with the positional forms', async () => {
    const same = async (a: Tensor, b: Tensor) => {
      expect(a.shape).toEqual(b.shape);
      await expectValues(a, (await b.toArray()) as number[], tol);
    };
    await same(x().sum({ dim: 1, keepdim: true }), x().sum(1, true));
    await same(x().mean({ dim: [0, 1] }), x().mean([0, 1]));
    await same(x().amax({ dim: 0, keepdim: true }), x().amax(0, true));
    await same(x().std({ dim: 0, correction: 0, keepdim: true }), x().std(0, false, true));
    await same(x().var({ dim: 1 }), x().var(1, true));
  });

  it("var and std take PyTorch 1.13's (dim, unbiased, keepdim) and (unbiased)", async () => {
    // columns [1, 0.5], [-2, 4], [3, -1]: squared deviations from the column means sum to 0.125, 18 and 8
    await expectValues(x().var(0, true), [0.125, 18, 8], tol);
    await expectValues(x().var(0, false), [0.0625, 9, 4], tol);
    await expectValues(x().std(0, true), [Math.sqrt(0.125), Math.sqrt(18), Math.sqrt(8)], tol);
    expect(x().std(0, true).shape).toEqual([3]); // unbiased, not keepdim
    await expectValues(x().std(0, false, true), [[0.25, 3, 2]], tol);
    // all six values: mean 11/12, squared deviations sum to 30.208333…
    const ss = X.flat().reduce((s, v) => s + (v - 5.5 / 6) ** 2, 0);
    await expectValues(x().var(true), ss / 5, tol);
    await expectValues(x().var(false), ss / 6, tol);
    await expectValues(x().std(false), Math.sqrt(ss / 6), tol);
    await expectValues(x().var(null, false, true), [[ss / 6]], tol);
  });

  it('max and min: everything, along a dim, or against another tensor', async () => {
    await expectValues(x().max(), 4, tol);
    const { values, indices } = x().min(1, true);
    await expectValues(values, [[-2], [-1]], tol);
    await expectValues(indices, [[1], [2]]);
    await expectValues(x().max(tensor([0, 0, 5], { device })), [[1, 0, 5], [0.5, 4, 5]], tol);
    await expectValues(x().min(tensor(0, { device })), [[0, -2, 0], [0, 0, -1]], tol);
    await expectValues(x().argmax(null, true), [[4]]);
    await expectValues(x().argmin(1, true), [[1], [2]]);
  });
});

describeBackends('reduction arguments of the wrong type are TypeErrors, never ignored', ({ device }) => {
  const x = () => tensor(X, { device });
  const forms = /expected one of: \(\), \(dim, keepdim\?\), \(\{ dim\?, keepdim\? \}\), with dim an integer or a list of integers and keepdim a boolean$/;

  it('names the method, what was passed and what is accepted', () => {
    // @ts-expect-error keepdim is a boolean
    expect(() => x().sum(1, 'yes')).toThrow(TypeError);
    // @ts-expect-error keepdim is a boolean
    expect(() => x().sum(1, 'yes')).toThrow("sum: received an invalid combination of arguments - got (1, 'yes'): keepdim must be a boolean, not 'yes'; expected one of: ()");
    // @ts-expect-error keepdim is a boolean
    expect(() => x().sum(1, 'yes')).toThrow(forms);
    // @ts-expect-error nothing follows the options object
    expect(() => x().sum({ dim: 1 }, true)).toThrow('sum: received an invalid combination of arguments - got ({ dim: 1 }, true): nothing may follow the options object (keepdim goes inside it)');
    expect(() => x().mean(1.5)).toThrow('mean: received an invalid combination of arguments - got (1.5): dim must be an integer or a list of integers, not 1.5');
    expect(() => x().mean([0, 0.5])).toThrow('dim must be an integer or a list of integers, not [0, 0.5]');
    // @ts-expect-error at most (dim, keepdim)
    expect(() => x().prod(1, true, true)).toThrow('prod: received an invalid combination of arguments - got (1, true, true): it takes at most 2 arguments, but got 3');
    // @ts-expect-error a string is no dim
    expect(() => x().amax('1')).toThrow("amax: received an invalid combination of arguments - got ('1'): dim must be an integer");
    // @ts-expect-error misspelt option
    expect(() => x().sum({ dim: 1, keepDim: true })).toThrow("sum: received an invalid combination of arguments - got ({ dim: 1, keepDim: true }): unknown option 'keepDim'; the options are dim, keepdim");
    // @ts-expect-error NumPy's name
    expect(() => x().mean({ axis: 0 })).toThrow("unknown option 'axis' (PyTorch calls it dim)");
    // @ts-expect-error keepdim is a boolean
    expect(() => x().any(0, 1)).toThrow('any: received an invalid combination of arguments - got (0, 1): keepdim must be a boolean, not 1');
    // @ts-expect-error a promise is no dim
    expect(() => x().all(Promise.resolve(1))).toThrow('all: received an invalid combination of arguments - got (a Promise): dim must be an integer');
    expect(() => logsumexp(x(), 1.5)).toThrow('logsumexp: received an invalid combination of arguments - got (1.5)');
  });

  it('var and std: unbiased and keepdim are booleans, and unbiased is no option (correction is)', () => {
    // @ts-expect-error unbiased is a boolean
    expect(() => x().std(0, 1)).toThrow('std: received an invalid combination of arguments - got (0, 1): unbiased must be a boolean, not 1; expected one of: (), (unbiased), (dim, unbiased?, keepdim?)');
    // @ts-expect-error at most (dim, unbiased, keepdim)
    expect(() => x().var(0, true, true, 1)).toThrow('var: received an invalid combination of arguments - got (0, true, true, 1): it takes at most 3 arguments, but got 4');
    // @ts-expect-error (unbiased) alone
    expect(() => x().std(true, 0)).toThrow('std: received an invalid combination of arguments - got (true, 0): (unbiased) takes nothing after it');
    // @ts-expect-error PyTorch's keyword, not an option here
    expect(() => x().std({ dim: 0, unbiased: false })).toThrow("unknown option 'unbiased' (unbiased: false is correction: 0); the options are dim, correction, keepdim");
    // @ts-expect-error correction is a number
    expect(() => x().var({ correction: true })).toThrow('var: received an invalid combination of arguments - got ({ correction: true }): correction must be a finite number, not true');
    expect(() => x().var(1.5)).toThrow('var: received an invalid combination of arguments - got (1.5): dim must be an integer or a list of integers, not 1.5');
  });

  it('max, min, argmax, argmin: an integer dim and a boolean keepdim', () => {
    expect(() => x().max(1.5)).toThrow('max: received an invalid combination of arguments - got (1.5): dim must be an integer, not 1.5; expected one of: (), (other), with other a tensor, (dim, keepdim?)');
    // @ts-expect-error keepdim is a boolean
    expect(() => x().min(0, 'true')).toThrow("min: received an invalid combination of arguments - got (0, 'true'): keepdim must be a boolean, not 'true'");
    // @ts-expect-error keepdim needs a dim
    expect(() => x().max(undefined, true)).toThrow('max: received an invalid combination of arguments - got (undefined, true): keepdim needs a dim');
    expect(() => x().argmax(1.5)).toThrow('argmax: received an invalid combination of arguments - got (1.5): dim must be an integer, not 1.5');
    // @ts-expect-error keepdim is a boolean
    expect(() => x().argmin(0, 1)).toThrow('argmin: received an invalid combination of arguments - got (0, 1): keepdim must be a boolean, not 1');
    // @ts-expect-error at most (dim, keepdim)
    expect(() => x().argmax(0, true, 1)).toThrow('argmax: received an invalid combination of arguments - got (0, true, 1): it takes at most 2 arguments, but got 3');
  });

  it('softmax, logSoftmax and cumsum: exactly one integer dim', () => {
    expect(() => x().softmax(1.5)).toThrow('softmax: received an invalid combination of arguments - got (1.5): dim must be an integer, not 1.5; expected one of: (dim), with dim an integer');
    // @ts-expect-error the dim is required
    expect(() => x().softmax()).toThrow('softmax: received an invalid combination of arguments - got (): it takes 1 argument, but got 0');
    // @ts-expect-error PyTorch's dtype argument is not taken
    expect(() => x().logSoftmax(-1, 'float64')).toThrow("logSoftmax: received an invalid combination of arguments - got (-1, 'float64'): it takes 1 argument, but got 2");
    // @ts-expect-error a string is no dim
    expect(() => x().cumsum('0')).toThrow("cumsum: received an invalid combination of arguments - got ('0'): dim must be an integer, not '0'");
  });

  it('other ops with a dim: a non-integer is a TypeError, not "out of range"', () => {
    expect(() => x().transpose(0.5, 1)).toThrow(TypeError);
    expect(() => x().transpose(0.5, 1)).toThrow("transpose: argument 'dim' must be an integer, not 0.5");
    expect(() => x().unsqueeze(NaN)).toThrow("unsqueeze: argument 'dim' must be an integer, not NaN");
    expect(() => x().transpose(0, 2)).toThrow(RangeError);
  });
});

import { expect, it } from 'vitest';
import { oneHot, oneHotAsync, tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

describeBackends('indexing arguments that are no counts or diagonals', ({ device }) => {
  it('tril, triu and oneHot refuse fractions and negative counts, which would silently shape the result', async () => {
    const m = tensor([[1, 2], [3, 4]], { device });
    expect(() => m.tril(0.5)).toThrow("tril: argument 'diagonal' must be an integer, not 0.5");
    expect(() => m.triu(NaN)).toThrow("triu: argument 'diagonal' must be an integer, not NaN");
    const labels = tensor([1, 2], { dtype: 'int32', device });
    expect(() => oneHot(labels, 2.5)).toThrow("oneHot: argument 'numClasses' must be an integer, not 2.5");
    expect(() => oneHot(labels, -2)).toThrow('oneHot: numClasses must be a non-negative integer, or -1 to infer it from the values, got -2');
    await expect(oneHotAsync(labels, 3.5)).rejects.toThrow("oneHot: argument 'numClasses' must be an integer, not 3.5");
    await expectValues(m.tril(-1), [[0, 0], [3, 0]], 0);
    await expectValues(await oneHotAsync(labels, 3), [[0, 1, 0], [0, 0, 1]], 0);
  });
});

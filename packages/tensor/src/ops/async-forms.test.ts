import { expect, it } from 'vitest';
import { indexAsync, maskedSelect, maskedSelectAsync, nonzero, nonzeroAsync, oneHot, oneHotAsync, tensor } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

// Ops whose result size depends on tensor values read them on the host. Their async forms work on every device;
// the sync forms work where reads are synchronous (the CPU) and say which async form to use elsewhere.
describeBackends('ops that read values on the host', ({ device }) => {
  const x = () => tensor([[1, -2, 3], [-4, 5, -6]], { device });
  const mask = () => x().gt(0);

  it('nonzeroAsync and maskedSelectAsync', async () => {
    await expectValues(await nonzeroAsync(mask()), [[0, 0], [0, 2], [1, 1]]);
    await expectValues(await maskedSelectAsync(x(), mask()), [1, 3, 5]);
    await expectValues(await maskedSelectAsync(x(), tensor([true, false, true], { device })), [1, 3, -4, -6]);
  });

  it('indexAsync with bool masks and integer tensors', async () => {
    await expectValues(await x().indexAsync(mask()), [1, 3, 5]);
    await expectValues(await indexAsync(x(), [':', tensor([false, true, true], { device })]), [[-2, 3], [5, -6]]);
    await expectValues(await x().indexAsync(tensor([1, 0], { dtype: 'int32', device })), [[-4, 5, -6], [1, -2, 3]]);
  });

  it('oneHotAsync infers and checks the number of classes', async () => {
    const labels = tensor([0, 3, 1], { dtype: 'int32', device });
    await expectValues(await oneHotAsync(labels), [[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0]]);
    await expectValues(oneHot(labels, 5), [[1, 0, 0, 0, 0], [0, 0, 0, 1, 0], [0, 1, 0, 0, 0]]);
    await expect(oneHotAsync(labels, 3)).rejects.toThrow('oneHot: class values must be smaller than num_classes (3), got 3');
  });

  it('the sync forms work on synchronous devices and name the async form elsewhere', async () => {
    if (device === 'cpu') {
      await expectValues(maskedSelect(x(), mask()), [1, 3, 5]);
      await expectValues(nonzero(mask()), [[0, 0], [0, 2], [1, 1]]);
      await expectValues(x().index(mask()), [1, 3, 5]);
      return;
    }
    expect(() => maskedSelect(x(), mask())).toThrow(`maskedSelect: the result's size depends on values on '${device}', which can only be read asynchronously; use await maskedSelectAsync(x, mask)`);
    expect(() => nonzero(mask())).toThrow('use await nonzeroAsync(mask)');
    expect(() => x().index(mask())).toThrow('use await x.indexAsync(...) with a bool mask');
    expect(() => oneHot(tensor([1], { dtype: 'int32', device }))).toThrow('use await oneHotAsync(index), or give numClasses');
  });
});

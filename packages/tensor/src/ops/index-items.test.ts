import { expect, it } from 'vitest';
import { arange, indexAsync, tensor, type IndexItem } from '../index.js';
import { describeBackends, expectValues } from '../testing/backends.js';

const ACCEPTED = "index: integers, slices (':' or 'start:stop:step' strings, or { start, stop, step }), null (a new dim), '...' and int32 or bool tensors are valid indices";

describeBackends('index items are checked before indexing', ({ device }) => {
  const x = () => arange(12, undefined, undefined, { device }).reshape([3, 4]);
  /** Both forms must refuse the same items with the same message. */
  const refuses = async (items: unknown[], message: string) => {
    expect(() => x().index(...(items as IndexItem[]))).toThrow(TypeError);
    expect(() => x().index(...(items as IndexItem[]))).toThrow(message);
    await expect(indexAsync(x(), items as IndexItem[])).rejects.toThrow(message);
  };

  it('an un-awaited item() is a Promise, not the whole tensor', async () => {
    const i = tensor(1, { dtype: 'int32', device }).item();
    const message = `${ACCEPTED}; got a Promise at position 0: it looks like an un-awaited promise, e.g. from .item(); await it (const i = await t.item()), or use t.itemSync() on the CPU`;
    await refuses([i], message);
    await refuses([':', i], 'got a Promise at position 1: it looks like an un-awaited promise');
    // awaited, it selects row 1
    await expectValues(x().index(await i), [4, 5, 6, 7]);
  });

  it('undefined, non-integers, NaN and infinities say what was passed and what is accepted', async () => {
    await refuses([undefined], `${ACCEPTED}; got undefined at position 0 (a variable that was never set?)`);
    await refuses([3.5], `${ACCEPTED}; got 3.5 at position 0 (indices must be integers)`);
    await refuses([0, NaN], 'got NaN at position 1 (indices must be integers)');
    await refuses([Infinity], 'got Infinity at position 0 (indices must be integers)');
  });

  it('arrays, booleans, functions and objects that are not slices', async () => {
    await refuses([[0, 2]], "got [0, 2] at position 0; to pick several entries, index with an int32 tensor: tensor([…], { dtype: 'int32' })");
    await refuses([true], `${ACCEPTED}; got true at position 0`);
    await refuses([() => 1], 'got a function at position 0');
    await refuses([new Map()], 'got a Map at position 0');
    await refuses([{ begin: 1 }], "got { begin: 1 } at position 0 (a slice object has no 'begin'; its parts are start, stop and step)");
    await refuses([{ start: 0.5 }], "got { start: 0.5 } at position 0 (a slice's start, stop and step must be integers or omitted)");
    await refuses([tensor([0, 1], { device })], 'index: tensors used as indices must be int32 or bool, got float32 at position 0');
    expect(() => x().index('2')).toThrow("index: '2' is not a slice (expected 'start:stop' or 'start:stop:step', or '...'); to select, pass the number 2");
    expect(() => x().index(':', '1.5:')).toThrow("index: '1.5' in slice '1.5:' is not an integer");
  });

  it('valid items index as before', async () => {
    await expectValues(x().index(-1, '1:3'), [9, 10]);
    await expectValues(x().index({ start: 1, step: 2 }, null), [[[4, 5, 6, 7]]]);
    await expectValues(x().index('...', tensor([3, 0], { dtype: 'int32', device })), [[3, 0], [7, 4], [11, 8]]);
    await expectValues(await x().indexAsync(tensor([true, false, true], { device })), [[0, 1, 2, 3], [8, 9, 10, 11]]);
  });
});

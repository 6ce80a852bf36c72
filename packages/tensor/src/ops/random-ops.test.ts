import { expect, it } from 'vitest';
import { bernoulli, dropoutMask, Generator, manualSeed, multinomial, multinomialAsync, rand, randint, randn, randperm, tensor, type Device, type Tensor } from '../index.js';
import { describeBackends } from '../testing/backends.js';

/** Every random op with one seed; the numbers are drawn on the host, so each device gets the CPU's (PyTorch's). */
async function draws(device: Device): Promise<unknown[]> {
  const g = new Generator().manualSeed(2147483647);
  const opts = { generator: g, device };
  const p = tensor([[0.1, 0.5, 0.4], [0.7, 0.2, 0.1]], { device });
  const out: Tensor[] = [
    rand([5], opts),
    randn([2, 3], opts),
    randint(0, 27, [6], opts),
    randperm(8, opts),
    bernoulli(tensor([0, 0.3, 0.5, 0.9, 1], { device }), opts),
    dropoutMask([6], 0.5, opts),
    await multinomialAsync(p, 4, { ...opts, replacement: true }),
    await multinomialAsync(p, 2, opts),
  ];
  return Promise.all(out.map((t) => t.toArray()));
}

const reference = draws('cpu');

describeBackends('random ops', ({ device }) => {
  it('give the same numbers as the CPU backend for the same seed', async () => {
    expect(await draws(device)).toEqual(await reference);
  });

  it('reproduce the makemore lecture with the default generator', async () => {
    manualSeed(2147483647);
    const p = rand([3], { device });
    const probs = p.div(p.sum());
    const got = (await probs.toArray()) as number[];
    expect(got.map((v) => v.toFixed(4))).toEqual(['0.6064', '0.3033', '0.0903']);
  });

  it('multinomial reads its probabilities synchronously only where the device allows', async () => {
    const p = tensor([0.2, 0.8], { device });
    const g = new Generator().manualSeed(1);
    if (device === 'cpu') {
      const sync = multinomial(p, 3, { generator: g, replacement: true });
      expect(await sync.toArray()).toEqual(await (await multinomialAsync(p, 3, { generator: new Generator().manualSeed(1), replacement: true })).toArray());
    } else {
      expect(() => multinomial(p, 3, { generator: g })).toThrow(`multinomial: the probabilities are on '${device}', which can only be read asynchronously; use await multinomialAsync(probs, numSamples, opts)`);
    }
  });
});

describeBackends('random ops refuse bounds their dtype cannot hold', ({ device }) => {
  it('randint: low and high − 1 within int32, and within ±2^24 for float32 (±2^53 float64), as PyTorch bounds them', () => {
    expect(() => randint(0, 2 ** 40, [3], { device })).toThrow('randint: to - 1 is out of bounds for int32 (to=1099511627776)');
    expect(() => randint(0, 2 ** 31 + 1, [3], { device })).toThrow('randint: to - 1 is out of bounds for int32 (to=2147483649)');
    expect(() => randint(-(2 ** 31) - 1, 0, [3], { device })).toThrow('randint: from is out of bounds for int32 (from=-2147483649)');
    expect(() => randint(0, 2 ** 40, [3], { device, dtype: 'float32' })).toThrow('randint: to - 1 is out of bounds [-(2^24), 2^24]; float32 represents every integer only within this range');
    expect(randint(0, 2 ** 31, [3], { device }).shape).toEqual([3]);
    expect(randint(-(2 ** 31), 0, [3], { device }).shape).toEqual([3]);
    expect(randint(0, 2 ** 24 + 1, [3], { device, dtype: 'float32' }).shape).toEqual([3]);
  });

  it('randperm: no bool, and float32 only up to 2^24 + 1', () => {
    expect(() => randperm(3, { device, dtype: 'bool' })).toThrow("randperm: not implemented for 'bool'");
    expect(() => randperm(2 ** 24 + 2, { device, dtype: 'float32' })).toThrow('randperm: n cannot be greater than 2^24+1 for float32 (got 16777218)');
  });
});

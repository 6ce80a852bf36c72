/**
 * The CI check of the issue: a short training run of the MLP on the shipped names (400 steps) must reach a dev
 * loss below the bigram count model's, the best a model that sees one character can do (2.4533).
 */
import { loadNames } from '@typegrad/datasets/node';
import { Generator } from '@typegrad/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareData, type PreparedData } from '../data/splits.js';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { LECTURE_SEED } from '../sample.js';
import { evaluateLoss } from './evaluate.js';
import { trainModel } from './train.js';

let bigramData: PreparedData;
let mlpData: PreparedData;
beforeAll(async () => {
  const { names } = await loadNames();
  bigramData = prepareData(names, { blockSize: 1 });
  mlpData = prepareData(names, { blockSize: 3 });
});

describe('trainModel', () => {
  it("trains the MLP below the bigram model's dev loss in 400 steps", async () => {
    const counts = createModel(modelConfig('bigram-counts', 27));
    await trainModel(counts, bigramData.splits.train, { steps: 0, batchSize: 0, lr: 1, generator: new Generator() });
    const bigramDev = await evaluateLoss(counts, bigramData.splits.dev);
    expect(bigramDev).toBeCloseTo(2.4533, 3);

    const g = new Generator().manualSeed(LECTURE_SEED);
    const mlp = createModel(modelConfig('mlp', 27), g);
    const before = await evaluateLoss(mlp, mlpData.splits.dev);
    const result = await trainModel(mlp, mlpData.splits.train, { steps: 400, batchSize: 128, lr: 0.3, generator: g });
    const dev = await evaluateLoss(mlp, mlpData.splits.dev);
    expect(result).toMatchObject({ step: 400, stopped: false });
    expect(result.losses).toHaveLength(400);
    expect(before).toBeGreaterThan(3.2); // about ln 27 = 3.30 at the start
    expect(dev).toBeLessThan(bigramDev); // about 2.39
  });

  it('uses the lr schedule, reports each step and evaluation, and stops on the signal', async () => {
    const g = new Generator().manualSeed(1);
    const mlp = createModel(modelConfig('mlp', 27, { hidden: 16 }), g);
    const controller = new AbortController();
    const rates: number[] = [];
    const evals: number[] = [];
    const result = await trainModel(mlp, mlpData.splits.train, {
      steps: 10,
      batchSize: 8,
      lr: 0.1,
      decayAt: 4,
      generator: g,
      evalEvery: 3,
      evalSets: { dev: { X: mlpData.splits.dev.X.narrow(0, 0, 100), Y: mlpData.splits.dev.Y.narrow(0, 0, 100) } },
      onStep: ({ step, lr }) => {
        rates.push(lr);
        if (step === 7) controller.abort();
      },
      onEval: ({ step }) => void evals.push(step),
      signal: controller.signal,
    });
    expect(rates.map((r) => Number(r.toPrecision(3)))).toEqual([0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01]);
    expect(evals).toEqual([3, 6]);
    expect(result).toMatchObject({ step: 7, stopped: true });
  });

  it('continues a run exactly where it stopped, given the generator and the schedule', async () => {
    const run = async (split: boolean) => {
      const g = new Generator().manualSeed(7);
      const mlp = createModel(modelConfig('mlp', 27, { hidden: 16 }), g);
      const options = { steps: 12, batchSize: 16, lr: 0.1, decayAt: 6, generator: g };
      if (!split) await trainModel(mlp, mlpData.splits.train, options);
      else {
        const first = await trainModel(mlp, mlpData.splits.train, { ...options, steps: 5 });
        await trainModel(mlp, mlpData.splits.train, { ...options, startStep: first.step, schedulerState: first.schedulerState! });
      }
      return mlp.parameters().map((p) => p.toArraySync());
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it('checks its options', async () => {
    const mlp = createModel(modelConfig('mlp', 27, { hidden: 4 }), new Generator());
    const base = { steps: 1, batchSize: 4, lr: 0.1, generator: new Generator() };
    await expect(trainModel(mlp, mlpData.splits.dev, { ...base, lr: 0 })).rejects.toThrow('lr must be a positive number, got 0');
    await expect(trainModel(mlp, mlpData.splits.dev, { ...base, batchSize: 1.5 })).rejects.toThrow('batchSize must be an integer >= 0, got 1.5');
    await expect(trainModel(mlp, mlpData.splits.dev, { ...base, startStep: 2 })).rejects.toThrow('cannot resume at step 2 of a run of 1 steps');
    await expect(trainModel(mlp, mlpData.splits.dev, { ...base, lr: 1e38, steps: 50 })).rejects.toThrow(/training diverged at step \d+: the loss is (NaN|Infinity)/);
  });
});

// Learning-rate schedules compared with PyTorch 1.13's, plus the two schedules PyTorch does not have.
import { describe, expect, it } from 'vitest';
import { tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { CosineAnnealingLR, cosineWithWarmup, LambdaLR, LinearLR, MultiStepLR, SGD, stepDecay, StepLR, type LRScheduler } from '../index.js';
import { loadFixture } from '../testing/fixtures.js';

interface Case {
  name: string;
  scheduler: 'StepLR' | 'MultiStepLR' | 'LinearLR' | 'CosineAnnealingLR' | 'LambdaLR';
  options: Record<string, unknown>;
  baseLrs: number[];
  lrs: number[][];
}

/** An SGD optimizer with one single-parameter group per rate. */
function optimizerWith(lrs: number[]): SGD {
  return new SGD(lrs.map((lr) => ({ params: [tensor([0]).requiresGrad_()], lr })));
}

function build(c: Case, optimizer: SGD): LRScheduler {
  const o = c.options as never;
  switch (c.scheduler) {
    case 'StepLR':
      return new StepLR(optimizer, o);
    case 'MultiStepLR':
      return new MultiStepLR(optimizer, o);
    case 'LinearLR':
      return new LinearLR(optimizer, o);
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(optimizer, o);
    case 'LambdaLR':
      return new LambdaLR(optimizer, (epoch) => 0.95 ** epoch);
  }
}

function expectRates(actual: number[], expected: number[], where: string): void {
  expect(actual.length, where).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `${where}, group ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(1e-15 + 1e-12 * Math.abs(expected[i])));
}

describe('schedulers match PyTorch', () => {
  const { cases } = loadFixture<{ cases: Case[] }>('schedulers.json');
  for (const c of cases) {
    it(c.name, () => {
      const optimizer = optimizerWith(c.baseLrs);
      const scheduler = build(c, optimizer);
      c.lrs.forEach((expected, epoch) => {
        if (epoch > 0) {
          optimizer.step();
          scheduler.step();
        }
        expectRates(scheduler.getLastLr(), expected, `epoch ${epoch}`);
        expectRates(optimizer.paramGroups.map((g) => g.lr), expected, `group lr at epoch ${epoch}`);
      });
    });
  }
});

describe('stepDecay', () => {
  it('is the lecture’s “lr = 0.1 if i < N else 0.01”', () => {
    const optimizer = optimizerWith([0.1]);
    const scheduler = stepDecay(optimizer, { after: 5 });
    for (let i = 0; i < 10; i++) {
      expect(optimizer.paramGroups[0].lr).toBeCloseTo(i < 5 ? 0.1 : 0.01, 15); // the rate iteration i trains with
      optimizer.step();
      scheduler.step();
    }
  });

  it('takes several milestones and a factor', () => {
    const optimizer = optimizerWith([1]);
    const scheduler = stepDecay(optimizer, { after: [2, 4], factor: 0.5 });
    const seen = [scheduler.getLastLr()[0]];
    for (let i = 0; i < 5; i++) {
      scheduler.step();
      seen.push(scheduler.getLastLr()[0]);
    }
    expect(seen).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
  });
});

describe('cosineWithWarmup', () => {
  it('warms up linearly from 0, then follows a cosine down to minLr and stays there', () => {
    const base = 0.1;
    const minLr = 0.01;
    const optimizer = optimizerWith([base]);
    const scheduler = cosineWithWarmup(optimizer, { warmupSteps: 4, totalSteps: 12, minLr });
    const seen = [scheduler.getLastLr()[0]];
    for (let t = 1; t <= 15; t++) {
      scheduler.step();
      seen.push(scheduler.getLastLr()[0]);
    }
    expect(seen.slice(0, 5).map((v) => +v.toFixed(12))).toEqual([0, 0.025, 0.05, 0.075, 0.1]);
    for (let t = 4; t <= 12; t++) {
      const expected = minLr + ((base - minLr) * (1 + Math.cos((Math.PI * (t - 4)) / 8))) / 2;
      expect(seen[t]).toBeCloseTo(expected, 14);
    }
    expect(seen[8]).toBeCloseTo((base + minLr) / 2, 14); // halfway down the cosine
    expect(seen.slice(12).every((v) => Math.abs(v - minLr) < 1e-15)).toBe(true);
  });

  it('scales each group from its own base rate, and refuses impossible settings', () => {
    const optimizer = optimizerWith([1, 0.5]);
    const scheduler = cosineWithWarmup(optimizer, { warmupSteps: 0, totalSteps: 2 });
    expect(scheduler.getLastLr()).toEqual([1, 0.5]);
    scheduler.step();
    expect(scheduler.getLastLr().map((v) => +v.toFixed(12))).toEqual([0.5, 0.25]);
    expect(() => cosineWithWarmup(optimizer, { warmupSteps: 5, totalSteps: 5 })).toThrow('totalSteps must be an integer greater than warmupSteps');
  });
});

describe('LRScheduler', () => {
  it('remembers each group’s initial rate, so a second scheduler starts from it', () => {
    const optimizer = optimizerWith([0.1]);
    new LinearLR(optimizer, { startFactor: 0.5, totalIters: 2 }); // sets lr to 0.05
    expect(optimizer.paramGroups[0]).toMatchObject({ lr: 0.05, initialLr: 0.1 });
    const second = new LambdaLR(optimizer, () => 2);
    expect(second.baseLrs).toEqual([0.1]);
    expect(optimizer.paramGroups[0].lr).toBe(0.2);
  });

  it('saves and restores its state to resume a schedule', () => {
    const optimizer = optimizerWith([0.1]);
    const scheduler = new CosineAnnealingLR(optimizer, { tMax: 10, etaMin: 0.001 });
    for (let i = 0; i < 4; i++) scheduler.step();
    const saved = scheduler.stateDict();
    expect(saved).toMatchObject({ lastEpoch: 4, stepCount: 5, baseLrs: [0.1], tMax: 10, etaMin: 0.001 });
    expect(saved).not.toHaveProperty('optimizer');

    const optimizer2 = optimizerWith([0.5]);
    optimizer2.loadStateDict(optimizer.stateDict());
    const resumed = new CosineAnnealingLR(optimizer2, { tMax: 10 });
    resumed.loadStateDict(saved);
    for (let i = 0; i < 6; i++) {
      scheduler.step();
      resumed.step();
      expect(resumed.getLastLr()).toEqual(scheduler.getLastLr());
    }
    expect(() => resumed.loadStateDict({ nonsense: 1 })).toThrow("CosineAnnealingLR.loadStateDict: unexpected key 'nonsense'");
  });

  it('refuses to resume at an epoch without the groups’ initial rates', () => {
    expect(() => new StepLR(optimizerWith([0.1]), { stepSize: 2, lastEpoch: 3 })).toThrow("StepLR: param 'initialLr' is not specified in paramGroups[0] when resuming an optimizer");
  });

  it('checks its settings', () => {
    expect(() => new LinearLR(optimizerWith([0.1]), { startFactor: 0 })).toThrow('Starting multiplicative factor expected to be greater than 0');
    expect(() => new StepLR(optimizerWith([0.1]), { stepSize: 0 })).toThrow('StepLR: stepSize must be a positive integer');
    expect(() => new LambdaLR(optimizerWith([0.1, 0.2]), [() => 1])).toThrow('LambdaLR: expected 2 lr_lambdas, but got 1');
  });
});

import { describe, expect, it } from 'vitest';
import { ThreadChooser, type ThreadMode } from './thread-choice.js';

/** A chooser on a clock that the test moves: each product takes `cost[mode]` milliseconds. */
function timed(cost: Record<ThreadMode, number>, options = {}) {
  let clock = 0;
  const chooser = new ThreadChooser({ now: () => clock, ...options });
  const run = (key: string): ThreadMode => {
    const t0 = chooser.start();
    const mode = chooser.choose(key);
    clock += cost[mode];
    chooser.record(key, mode, t0);
    return mode;
  };
  return { chooser, run, setCost: (c: Record<ThreadMode, number>) => Object.assign(cost, c) };
}

describe('choosing threads per shape by timing', () => {
  it('tries a shape both ways, the team first, then keeps to the faster', () => {
    const { chooser, run } = timed({ alone: 2, team: 1 }, { trials: 3 });
    const modes = Array.from({ length: 10 }, () => run('512x512x512'));
    expect(modes).toEqual(['team', 'alone', 'team', 'alone', 'team', 'alone', 'team', 'team', 'team', 'team']);
    expect(chooser.chosenFor('512x512x512')).toBe('team');
  });

  it('runs alone when the team is not clearly faster (it occupies another core)', () => {
    const { chooser, run } = timed({ alone: 1, team: 0.97 }, { trials: 2 });
    for (let i = 0; i < 4; i++) run('a');
    expect(chooser.chosenFor('a')).toBe('alone');
    expect(run('a')).toBe('alone');
  });

  it('keeps each shape apart', () => {
    const cost = { alone: 1, team: 3 };
    const { chooser, run } = timed(cost, { trials: 1 });
    run('small');
    run('small');
    expect(chooser.chosenFor('small')).toBe('alone');
    Object.assign(cost, { alone: 3, team: 1 });
    run('large');
    run('large');
    expect([chooser.chosenFor('small'), chooser.chosenFor('large')]).toEqual(['alone', 'team']);
  });

  it('tries again after retryAfter products, so a change of load changes the choice', () => {
    const { chooser, run, setCost } = timed({ alone: 1, team: 2 }, { trials: 1, retryAfter: 5 });
    run('s');
    run('s');
    expect(chooser.chosenFor('s')).toBe('alone');
    setCost({ alone: 4, team: 2 }); // the other core fell idle
    for (let i = 0; i < 5; i++) expect(run('s')).toBe('alone');
    expect(chooser.chosenFor('s')).toBeNull(); // trying again
    expect([run('s'), run('s')]).toEqual(['team', 'alone']);
    expect(chooser.chosenFor('s')).toBe('team');
  });

  it('tries a young choice again soon, then less and less often (workers start on baseline code)', () => {
    const { chooser, run, setCost } = timed({ alone: 2, team: 3 }, { trials: 1, firstRetryAfter: 4, retryAfter: 16 });
    run('s');
    run('s');
    expect(chooser.chosenFor('s')).toBe('alone'); // the cold team lost
    setCost({ alone: 2, team: 1 }); // its optimised code arrived
    const trialsAt: number[] = [];
    for (let i = 0; i < 80; i++) {
      if (chooser.chosenFor('s') === null) trialsAt.push(i);
      run('s');
    }
    // trials after 4 products on the first choice, then 8, 16, 16, …, each taking two products
    expect(trialsAt.filter((i, k) => k === 0 || trialsAt[k - 1] !== i - 1)).toEqual([4, 14, 32, 50, 68]);
    expect(chooser.chosenFor('s')).toBe('team');
  });

  it('forgets the oldest shape beyond maxShapes', () => {
    const { chooser, run } = timed({ alone: 1, team: 2 }, { trials: 1, maxShapes: 2 });
    for (const key of ['a', 'a', 'b', 'b', 'c']) run(key);
    expect([chooser.chosenFor('a'), chooser.chosenFor('b'), chooser.chosenFor('c')]).toEqual([null, 'alone', null]);
  });
});

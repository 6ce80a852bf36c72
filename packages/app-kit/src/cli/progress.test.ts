import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 120, write: (s: string) => chunks.push(s) } };
}

describe('Progress', () => {
  it('prints plain lines every so often when the output is not a terminal', () => {
    const { chunks, stream } = capture(false);
    let t = 0;
    const p = new Progress(stream, { steps: 100, logEvery: 50, now: () => t });
    for (let s = 1; s <= 100; s++) {
      t += 10; // 100 steps/s
      p.step(s, 2, 0.1);
    }
    p.log('step 100: dev 2.0000');
    expect(chunks).toEqual([
      'step 50/100  loss 2.0000  lr 0.1  100 steps/s  ETA 0:01\n',
      'step 100/100  loss 2.0000  lr 0.1  100 steps/s  ETA 0:00\n',
      'step 100: dev 2.0000\n',
    ]);
  });

  it('redraws one bar in place on a terminal, with lines printed above it', () => {
    const { chunks, stream } = capture(true);
    let t = 0;
    const p = new Progress(stream, { steps: 4, redrawMs: 100, now: () => t });
    p.step(1, 3, 0.1);
    t += 50;
    p.step(2, 3, 0.1); // too soon to redraw
    t += 100;
    p.log('note');
    p.step(4, 3, 0.01); // the last step always draws
    p.done();
    expect(chunks).toHaveLength(4);
    expect(chunks[0]).toMatch(/^\r1\/4 \[#+\.+\]  25%  loss 3\.0000  lr 0\.1  \d+ steps\/s  ETA /);
    expect(chunks[1]).toMatch(/^\r\x1b\[Knote\n1\/4 \[/);
    expect(chunks[2]).toMatch(/^\r4\/4 \[#+\] 100%  loss 3\.0000  lr 0\.01 /);
    expect(chunks[3]).toBe('\n');
  });

  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(75), formatDuration(3725), formatDuration(Infinity)]).toEqual(['0:05', '1:15', '1:02:05', '?']);
  });
});

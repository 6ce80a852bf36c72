import { describe, expect, it } from 'vitest';
import { niceTicks } from './axes.js';
import { linePlot, scatterPlot } from './plots.js';

describe('plots', () => {
  it('choose round ticks', () => {
    expect(niceTicks(-3, 0, 6)).toEqual([-3, -2.5, -2, -1.5, -1, -0.5, 0]);
    expect(niceTicks(2.1, 3.35, 5)).toEqual([2.2, 2.4, 2.6, 2.8, 3, 3.2]);
    expect(niceTicks(1, 1)).toEqual([1]);
  });

  it('draw lines, break them at non-finite values, and mark a value', () => {
    const svg = linePlot([{ x: [0, 1, 2, 3], y: [3, 2, NaN, 2.5], label: 'loss & more' }], { title: 'lr <sweep>', marker: { x: 1, label: 'valley' } });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('loss &amp; more');
    expect(svg).toContain('lr &lt;sweep&gt;');
    expect(svg).toContain('stroke-dasharray');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('draw labelled points', () => {
    const svg = scatterPlot([{ x: 0, y: 1, label: 'a' }, { x: 1, y: -1, label: '.' }]);
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toMatch(/>a<\/text>/);
  });
});

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

  it("draw many dots, naming only the labelled ones beside their dot ('dot' points)", () => {
    const svg = scatterPlot([{ x: 0, y: 0 }, { x: 1, y: 2, label: 'Heat (1995)' }, { x: 2, y: 1 }], { points: 'dot', title: 'movies' });
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg.match(/r="2"/g)).toHaveLength(2);
    expect(svg).toMatch(/text-anchor="start" dominant-baseline="central">Heat \(1995\)<\/text>/);
    // the named dot comes last, over the others
    expect(svg.indexOf('r="3"')).toBeGreaterThan(svg.lastIndexOf('r="2"'));
    // three names at one place: the first goes right, the second left, the third would cover one of them either way
    const crowded = scatterPlot([{ x: 0, y: 0, label: 'first' }, { x: 0, y: 0, label: 'second' }, { x: 0, y: 0, label: 'third' }, { x: 5, y: 5 }], { points: 'dot' });
    expect(crowded).toMatch(/text-anchor="start" dominant-baseline="central">first</);
    expect(crowded).toMatch(/text-anchor="end" dominant-baseline="central">second</);
    expect(crowded).not.toContain('>third</text>');
    expect(crowded.match(/r="3"/g)).toHaveLength(3);
  });
});

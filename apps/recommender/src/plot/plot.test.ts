import { describe, expect, it } from 'vitest';
import { tensor } from '@typegrad/tensor';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { itemEmbeddingPlot } from './movies-plot.js';
import { pca } from './pca.js';

describe('the item embedding plot', () => {
  it('pca: coordinates along the directions of largest variance, centred', () => {
    // points on the line y = 2x (plus a little off it): the first component carries nearly all the variance
    const table = Float32Array.of(0, 0, 1, 2, 2, 4, 3, 6.1, 4, 7.9);
    const { coordinates, explained } = pca(table, 2, [0, 1, 2, 3, 4], 2);
    expect(explained[0]).toBeGreaterThan(0.999);
    const first = [0, 1, 2, 3, 4].map((k) => coordinates[2 * k]);
    expect(first.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(first[4] - first[0]).toBeCloseTo(Math.hypot(4, 7.9), 1);
    expect(() => pca(table, 2, [0])).toThrow('pca: needs at least 2 rows, got 1');
  });

  it('plots the most-rated items and names the best known', () => {
    const model = createModel(modelConfig('mf', { numUsers: 2, numItems: 5, mean: 3, scale: [1, 5], factors: 3 }));
    model.loadStateDict({ ...model.stateDict(), 'itemFactors.weight': tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [2, 0, 1]]) });
    const svg = itemEmbeddingPlot(model, { names: ['A & B', 'C', 'D', 'E', 'F'], counts: [50, 40, 0, 30, 20], items: 5, labels: 2 });
    expect(svg.match(/<circle/g)).toHaveLength(4); // the unrated item is not plotted
    expect(svg).toContain('>A &amp; B</text>');
    expect(svg).toContain('>C</text>');
    expect(svg).not.toContain('>E</text>');
    expect(svg).toMatch(/component 1 \(\d+\.\d% of the variance\)/);
  });
});

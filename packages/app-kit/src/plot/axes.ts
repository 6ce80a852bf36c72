/** Scales, ticks and the frame shared by the SVG plots. */

/** Where the plot area sits inside the picture. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A linear map from data values to pixels. */
export interface Scale {
  (value: number): number;
  domain: [number, number];
}

/** A linear map from `domain` to `range` (a one-point domain is widened by 1 each side). @example linearScale([0, 1], [0, 100])(0.5) // 50 */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  const f = ((v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0])) as Scale;
  f.domain = [d0, d1];
  return f;
}

/**
 * About `count` round tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max].
 * @example niceTicks(-3, 0, 6) // [-3, -2.5, -2, -1.5, -1, -0.5, 0]
 */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power; // the step nearest the raw one, as d3 chooses it
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** The extent of some values, widened by a margin fraction on both sides. @example extent([0, 10], 0.1) // [-1, 11] */
export function extent(values: readonly number[], margin = 0.05): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = (hi - lo || Math.abs(hi) || 1) * margin;
  return [lo - pad, hi + pad];
}

/** Escapes text for SVG. @example escapeXml('a < b') // 'a &lt; b' */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const fmt = (v: number) => String(Number(v.toPrecision(6)));

/** The SVG elements of both axes: frame, grid lines, tick labels, axis titles and the title. @example axesSvg(frame, x, y, { xLabel: 'log10(lr)' }) */
export function axesSvg(frame: Frame, x: Scale, y: Scale, labels: { title?: string; xLabel?: string; yLabel?: string }): string {
  const { width, height, left, right, top, bottom } = frame;
  const x0 = left;
  const x1 = width - right;
  const y0 = height - bottom;
  const y1 = top;
  const parts: string[] = [`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#888"/>`];
  for (const t of niceTicks(x.domain[0], x.domain[1])) {
    const px = x(t).toFixed(1);
    parts.push(`<line x1="${px}" y1="${y1}" x2="${px}" y2="${y0}" stroke="#eee"/>`);
    parts.push(`<text x="${px}" y="${y0 + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of niceTicks(y.domain[0], y.domain[1])) {
    const py = y(t).toFixed(1);
    parts.push(`<line x1="${x0}" y1="${py}" x2="${x1}" y2="${py}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  if (labels.title) parts.push(`<text x="${(x0 + x1) / 2}" y="${top / 2 + 4}" text-anchor="middle" font-size="15">${escapeXml(labels.title)}</text>`);
  if (labels.xLabel) parts.push(`<text x="${(x0 + x1) / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(labels.xLabel)}</text>`);
  if (labels.yLabel) parts.push(`<text x="14" y="${(y0 + y1) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(y0 + y1) / 2})">${escapeXml(labels.yLabel)}</text>`);
  return parts.join('\n');
}

/** Wraps SVG elements in a complete document. @example svgDocument(640, 400, '<circle cx="5" cy="5" r="2"/>') */
export function svgDocument(width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

import { axesSvg, escapeXml, extent, linearScale, svgDocument, type Frame } from './axes.js';

/** One line of a line plot. */
export interface Series {
  x: readonly number[];
  y: readonly number[];
  label?: string;
  /** CSS colour. Default: one of a small palette, by position. */
  color?: string;
}

/** Options shared by the plots. */
export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixels. Default 720 × 440. */
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];

function frameOf(o: PlotOptions): Frame {
  return { width: o.width ?? 720, height: o.height ?? 440, left: 64, right: 20, top: 36, bottom: 44 };
}

/**
 * A line plot as an SVG document (points that are not finite break the line), with an optional vertical
 * marker, e.g. the learning-rate valley.
 * @example
 * linePlot([{ x: log10Lrs, y: losses, label: 'loss' }], { xLabel: 'log10(lr)', yLabel: 'loss', marker: { x: -1, label: 'valley' } })
 */
export function linePlot(series: readonly Series[], options: PlotOptions & { marker?: { x: number; label?: string } } = {}): string {
  const frame = frameOf(options);
  const x = linearScale(extent(series.flatMap((s) => s.x), 0.02), [frame.left, frame.width - frame.right]);
  const y = linearScale(extent(series.flatMap((s) => s.y)), [frame.height - frame.bottom, frame.top]);
  const body = [axesSvg(frame, x, y, options)];
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const segments: string[] = [];
    let current: string[] = [];
    s.x.forEach((xv, i) => {
      const yv = s.y[i];
      if (Number.isFinite(xv) && Number.isFinite(yv)) current.push(`${x(xv).toFixed(1)},${y(yv).toFixed(1)}`);
      else if (current.length) {
        segments.push(current.join(' '));
        current = [];
      }
    });
    if (current.length) segments.push(current.join(' '));
    for (const points of segments) body.push(`<polyline fill="none" stroke="${color}" stroke-width="1.2" points="${points}"/>`);
    if (s.label) body.push(`<text x="${frame.width - frame.right - 8}" y="${frame.top + 16 + 16 * k}" text-anchor="end" fill="${color}">${escapeXml(s.label)}</text>`);
  });
  if (options.marker && Number.isFinite(options.marker.x)) {
    const px = x(options.marker.x).toFixed(1);
    body.push(`<line x1="${px}" y1="${frame.top}" x2="${px}" y2="${frame.height - frame.bottom}" stroke="#555" stroke-dasharray="4 3"/>`);
    if (options.marker.label) body.push(`<text x="${Number(px) + 4}" y="${frame.top + 14}">${escapeXml(options.marker.label)}</text>`);
  }
  return svgDocument(frame.width, frame.height, body.join('\n'));
}

/** A point of a scatter plot, with its label (a point of a 'dot' plot may have none). */
export interface LabelledPoint {
  x: number;
  y: number;
  label?: string;
}

/** Options of {@link scatterPlot}. */
export interface ScatterOptions extends PlotOptions {
  /**
   * How points are drawn: 'token' (default), a disc with its label inside, for a few short labels (the characters of
   * an embedding); 'dot', a small dot with its label beside it, for many points of which a few are named (movies);
   * names that would overlap are left out, the earlier points' kept.
   */
  points?: 'token' | 'dot';
}

/**
 * A scatter plot of labelled points as an SVG document: each point a disc with its label on it, as the lecture
 * draws the 2-D character embedding; or, with `points: 'dot'`, small dots with the labels that are given beside them
 * (a name that would cover one placed before it is left out; put the points to name first earlier).
 * @example scatterPlot(chars.map((c, i) => ({ x: C[i][0], y: C[i][1], label: c })), { title: 'character embedding' })
 * @example scatterPlot(movies.map((m) => ({ x: m.pc1, y: m.pc2, label: m.popular ? m.title : undefined })), { points: 'dot' })
 */
export function scatterPlot(points: readonly LabelledPoint[], options: ScatterOptions = {}): string {
  const frame = frameOf({ width: 560, height: 560, ...options });
  const x = linearScale(extent(points.map((p) => p.x), 0.08), [frame.left, frame.width - frame.right]);
  const y = linearScale(extent(points.map((p) => p.y), 0.08), [frame.height - frame.bottom, frame.top]);
  const body = [axesSvg(frame, x, y, options)];
  if (options.points === 'dot') {
    body.push(...dotsSvg(points, x, y, frame));
    return svgDocument(frame.width, frame.height, body.join('\n'));
  }
  for (const p of points) {
    const cx = x(p.x).toFixed(1);
    const cy = y(p.y).toFixed(1);
    body.push(`<circle cx="${cx}" cy="${cy}" r="11" fill="#1f77b4"/>`);
    body.push(`<text x="${cx}" y="${cy}" fill="white" text-anchor="middle" dominant-baseline="central">${escapeXml(p.label ?? '')}</text>`);
  }
  return svgDocument(frame.width, frame.height, body.join('\n'));
}

/**
 * Small dots, the named ones drawn last with their names beside them: to the right, else to the left, else (when
 * both would cover a name already placed) not at all; names are placed in the order of the points, so the
 * caller's first points keep theirs.
 */
function dotsSvg(points: readonly LabelledPoint[], x: (v: number) => number, y: (v: number) => number, frame: Frame): string[] {
  const out: string[] = [];
  for (const p of points) if (!p.label) out.push(`<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="2" fill="#1f77b4" fill-opacity="0.35"/>`);
  const placed: { left: number; right: number; top: number; bottom: number }[] = [];
  const free = (box: (typeof placed)[number]) =>
    box.left >= 0 && box.right <= frame.width && placed.every((b) => box.right < b.left || box.left > b.right || box.bottom < b.top || box.top > b.bottom);
  for (const p of points) {
    if (!p.label) continue;
    const cx = x(p.x);
    const cy = y(p.y);
    out.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="#d62728"/>`);
    const width = 6.2 * p.label.length; // 11px sans-serif averages about 6 px a character
    const boxes = [
      { left: cx + 5, right: cx + 5 + width, top: cy - 7, bottom: cy + 7, anchor: 'start', at: cx + 5 },
      { left: cx - 5 - width, right: cx - 5, top: cy - 7, bottom: cy + 7, anchor: 'end', at: cx - 5 },
    ];
    const box = boxes.find(free);
    if (!box) continue;
    placed.push(box);
    out.push(`<text x="${box.at.toFixed(1)}" y="${cy.toFixed(1)}" font-size="11" text-anchor="${box.anchor}" dominant-baseline="central">${escapeXml(p.label)}</text>`);
  }
  return out;
}

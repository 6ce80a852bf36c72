/** Numbers as reports print them. */

/** Thousands separated by commas. @example thousands(12345) // '12,345' */
export const thousands = (n: number): string => n.toLocaleString('en-US');

/**
 * Losses by split on one line, four decimals.
 * @example formatLosses({ train: 2.0712, dev: 2.1301 }) // 'train 2.0712  dev 2.1301'
 */
export function formatLosses(losses: Record<string, number>, labels: Record<string, string> = {}): string {
  return Object.entries(losses)
    .map(([name, value]) => `${labels[name] ?? name} ${value.toFixed(4)}`)
    .join('  ');
}

/**
 * A table in Markdown: a header row, the separator (numbers right-aligned, '—' standing for a figure that does not
 * apply) and the rows, columns padded.
 * @example markdownTable(['model', 'acc'], [['bow', '0.81']]) // '| model | acc  |\n|-------|-----:|\n| bow   | 0.81 |'
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // a dash marks a figure that does not apply; it does not make a column of numbers text
  const isNumber = (c: string) => /^[-+]?[\d.,]+(%|×| ± [\d.]+)?$/.test(c);
  const numeric = header.map((_, i) => rows.some((r) => isNumber(r[i] ?? '')) && rows.every((r) => isNumber(r[i] ?? '') || r[i] === '—'));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => (numeric[i] ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

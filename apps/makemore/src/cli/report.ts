import type { CliIO } from './io.js';

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

/** Prints sampled names under a heading, one a line. @example printNames(io, ['mor', 'axx'], '2 names') */
export function printNames(io: CliIO, names: string[], heading: string): void {
  io.log(`${heading}:`);
  for (const name of names) io.log(`  ${name}`);
}

import type { CliIO } from '@typegrad/app-kit';

export { thousands, formatLosses } from '@typegrad/app-kit';

/** Prints sampled names under a heading, one a line. @example printNames(io, ['mor', 'axx'], '2 names') */
export function printNames(io: CliIO, names: string[], heading: string): void {
  io.log(`${heading}:`);
  for (const name of names) io.log(`  ${name}`);
}

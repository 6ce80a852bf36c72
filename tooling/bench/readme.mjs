/**
 * Keeps a README's benchmark figures generated, never typed: a bench run with `--readme` replaces the block
 * between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` with what it printed, so each figure has one source.
 */
import { readFile, writeFile } from 'node:fs/promises';

/** Replaces the named block of `file` with `text` (a markdown fragment); fails when the markers are missing. */
export async function writeReadmeBlock(file, name, text) {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const readme = await readFile(file, 'utf8');
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: no block between '${start}' and '${end}' to write the figures into`);
  await writeFile(file, `${readme.slice(0, a + start.length)}\n${text.trim()}\n${readme.slice(b)}`);
}

/**
 * Prints a run's notes (machine, skipped peers), its report and how long it took; with `--readme` on the command line,
 * also writes notes and report into the README's block, dated and naming the command that made them.
 */
export async function printReport({ notes, report, started, readme, block, command }) {
  console.log(notes.join('\n'));
  console.log('');
  console.log(report);
  console.log(`\ntotal ${((performance.now() - started) / 1e3).toFixed(0)} s`);
  if (process.argv.includes('--readme')) {
    await writeReadmeBlock(readme, block, ['```', ...notes, '```', '', report, '', `(\`${command}\`, ${new Date().toISOString().slice(0, 10)})`].join('\n'));
    console.log(`wrote the figures into ${readme}`);
  }
}

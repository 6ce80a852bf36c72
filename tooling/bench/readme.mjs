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

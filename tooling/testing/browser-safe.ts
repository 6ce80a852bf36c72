/**
 * For a package's tests: whether the code a library entry reaches imports any Node built-in, read from the sources
 * (following relative imports), so a browser-safe entry is checked without a build. `tooling/package-checks` checks
 * the built bundles as well.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SPECIFIER = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const NODE_BUILTINS = ['fs', 'path', 'os', 'url', 'util', 'child_process', 'worker_threads', 'crypto'];

/** The source files an entry reaches through relative imports, each with the modules it imports. */
export function reachableSources(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[1] ?? m[2]);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

/** `file: module` for each Node built-in that a source reachable from `entry` imports (none, for a browser-safe entry). */
export function nodeImportsReachable(entry: string): string[] {
  return [...reachableSources(entry)].flatMap(([file, specs]) => specs.filter((s) => s.startsWith('node:') || NODE_BUILTINS.includes(s)).map((s) => `${file}: ${s}`));
}

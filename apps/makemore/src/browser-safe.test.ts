/**
 * The library entry must load in a browser: nothing reachable from src/index.ts may import a Node built-in
 * (the CLI, under src/cli/, may).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SPECIFIER = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function reachable(entry: string): Map<string, string[]> {
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

describe('the library entry', () => {
  it('reaches no Node built-in module', () => {
    const files = reachable(fileURLToPath(new URL('./index.ts', import.meta.url)));
    expect(files.size).toBeGreaterThan(10);
    const nodeImports = [...files].flatMap(([file, specs]) => specs.filter((s) => s.startsWith('node:') || ['fs', 'path', 'os', 'url', 'util', 'child_process'].includes(s)).map((s) => `${file}: ${s}`));
    expect(nodeImports).toEqual([]);
    expect([...files.keys()].some((f) => f.includes('/cli/'))).toBe(false);
  });
});

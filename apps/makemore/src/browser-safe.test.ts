/**
 * The library entry must load in a browser: nothing reachable from src/index.ts may import a Node built-in
 * (the CLI, under src/cli/, may).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeImportsReachable, reachableSources } from '../../../tooling/testing/browser-safe.js';

describe('the library entry', () => {
  it('reaches no Node built-in module', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const files = [...reachableSources(entry).keys()];
    expect(files.length).toBeGreaterThan(10);
    expect(nodeImportsReachable(entry)).toEqual([]);
    expect(files.some((f) => f.includes('/cli/'))).toBe(false);
  });
});

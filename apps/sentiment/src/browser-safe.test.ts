// The library entry must load in a browser (the docs page runs it): nothing it reaches may import a Node built-in;
// the command line, under src/cli/, the checkpoint files of the node entry and the test helpers, under src/testing/, may.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeImportsReachable, reachableSources } from '../../../tooling/testing/browser-safe.js';

describe('the library entry', () => {
  it('reaches no Node built-in module, and none of the command line', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const files = [...reachableSources(entry).keys()];
    expect(files.length).toBeGreaterThan(10);
    expect(nodeImportsReachable(entry)).toEqual([]);
    expect(files.filter((f) => f.includes('/cli/') || f.includes('/testing/'))).toEqual([]);
  });
});

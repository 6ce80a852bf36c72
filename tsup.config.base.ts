import { defineConfig, type Options } from 'tsup';

/** The build every typegrad package shares: ESM with type declarations and source maps, for ES2022. */
export function libraryConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    ...overrides,
  });
}

import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

const here = (file: string) => new URL(file, import.meta.url).pathname;

/**
 * The test set-up of packages whose suites run once per backend through `@typegrad/tensor/testing`: CPU always,
 * WebGPU in Node when Dawn finds an adapter (else a skipped suite carrying the reason), the adapter printed once.
 */
export function backendSuiteConfig(extra: ViteUserConfig = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['src/**/*.test.ts'],
        // the shared test helpers use vitest's globals
        globals: true,
        setupFiles: [here('./tooling/testing/setup-node.ts')],
        globalSetup: [here('./tooling/testing/global-setup-node.ts')],
        testTimeout: 30_000,
      },
    }),
    extra,
  );
}

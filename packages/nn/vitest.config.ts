import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the shared test helpers (@typegrad/tensor/testing) use vitest's globals
    globals: true,
    // each test file gets the WebGPU backend (Dawn on SwiftShader) when the machine has an adapter
    setupFiles: ['src/testing/setup-node.ts'],
    globalSetup: ['src/testing/global-setup-node.ts'],
    testTimeout: 30_000,
  },
});

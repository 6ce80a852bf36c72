import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // each test file gets the WebGPU backend (Dawn on SwiftShader) when the machine has an adapter; the helpers
    // are the autograd package's (src/testing), shared by the three packages
    setupFiles: ['../autograd/src/testing/setup-node.ts'],
    globalSetup: ['../autograd/src/testing/global-setup-node.ts'],
    testTimeout: 30_000,
  },
});

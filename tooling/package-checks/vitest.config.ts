import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // packing, bundling and typechecking run real tools: seconds each on a busy 2-core machine
    testTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // one browser, pages loaded one after another: a 2-core machine runs them faster than in parallel
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

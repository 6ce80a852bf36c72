import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // comparing with js-tiktoken on the 410 KB corpus takes seconds on its side, more on a busy machine
    testTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Reuters corpus test and the end-to-end tests spawn processes and read 18 MB; give them room on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // Both cores: vitest's default leaves one idle on a 2-core machine, and the suite must stay under 5 minutes there.
    maxWorkers: 2,
  },
});

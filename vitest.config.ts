import { defineConfig } from 'vitest/config';

// Node environment only: under jsdom the glue would take the browser path.
export default defineConfig({
  test: {
    include: ['tests/js/**/*.test.ts', 'tests/web/**/*.test.ts', 'tests/package/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
  },
});

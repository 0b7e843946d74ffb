import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Many tests wait on subprocesses (the CLI, Python): one worker per core keeps both busy
    // (the default leaves one core idle on this 2-core machine).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tests run nncheck from its sources, never from a (possibly stale) build in dist/.
  resolve: {
    alias: [
      { find: /^nncheck$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^nncheck\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Many tests wait on subprocesses (the CLI, Python): one worker per core keeps both busy
    // (the default leaves one core idle on this 2-core machine).
    maxWorkers: Math.max(2, availableParallelism()),
    // Tests share the cores: the checks they run do not let their Python bridges poll (see
    // src/impl/python/spin.ts); test/impl/python/polling.test.ts turns it on where it is tested.
    env: { NNCHECK_BRIDGE_SPIN_US: '0' },
  },
});

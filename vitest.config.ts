import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // PGlite is WASM with its own memory per instance: separate processes keep them apart.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // A page under a loaded 2-core CI machine can take more than vitest's default second to
    // render what a poll waits for; a poll that fails still fails, only later.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});

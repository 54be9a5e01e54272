import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // PGlite is WASM with its own memory per instance: separate processes keep them apart.
    pool: 'forks',
    // Three: a test file spends much of its time waiting (Chromium, the PostgreSQL server, child processes);
    // with two, a 2-core CI machine was busy 117 % of 200 % (/usr/bin/time on .ci/run).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // PGlite is WASM with its own memory per instance: separate processes keep them apart.
    pool: 'forks',
    // Each of the two processes runs its files one after another with the modules it has loaded:
    // loading src/ afresh for each of ~70 files cost 190 s of a 2-core CI run (vitest's "import").
    // Files share no state but what they open and close themselves (databases, servers, browsers);
    // no test mocks modules, stubs globals or fakes timers.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // A page under a loaded 2-core CI machine can take more than vitest's default second to
    // render what a poll waits for; a poll that fails still fails, only later.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});

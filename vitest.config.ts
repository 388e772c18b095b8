import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks that run a whole audit of the demo sites (crawl, Chromium, axe, screenshots).
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time on a 2-core machine: most tests wait on sockets, child processes and
    // Chromium, not on the CPU (the default of one fork ran the suite file after file).
    maxWorkers: 2,
    // Each fork runs its files one after another in one process (the modules loaded once): a
    // fresh process per file spent ~75 s of the suite's ~350 s loading the same modules again.
    // A test restores what it changes in the process (env, cwd, timers), as it must anyway.
    isolate: false,
    globalSetup: ['test/helpers/temp-root.ts'],
    // The skip notice: tests skipped for a missing system package, counted once at the end.
    reporters: ['default', './test/helpers/skip-notice.ts'],
  },
});

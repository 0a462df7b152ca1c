import {availableParallelism} from 'node:os'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A temporary folder per run, removed at the end (test/setup/temp-root.ts).
    globalSetup: ['test/setup/temp-root.ts'],
    // oclif writes straight to process.stdout; vitest must not swallow it (oclif/test#655).
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: ONE worker on the 2-core machine, so the files ran one
    // after another and half the machine idled while a file waited on its CLI child. Every file is independent (own
    // temp dirs, no shared ports), so use every core, and at least two.
    maxWorkers: Math.max(2, availableParallelism()),
  },
})

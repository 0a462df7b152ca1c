import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // oclif writes straight to process.stdout; vitest must not swallow it (oclif/test#655).
    disableConsoleIntercept: true,
    testTimeout: 60_000,
  },
})

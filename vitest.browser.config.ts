// The console's browser suite (npm run test:browser): Playwright driving Debian's chromium against
// in-process test servers; the console is built once before the run (tests/browser/build.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/browser/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: false,
  },
});

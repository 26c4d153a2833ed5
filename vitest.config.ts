import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/reliability/**", "tests/browser/**", "**/node_modules/**"],
    // generous: a 2-core CI machine running two files at once is several times slower than an idle one
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default in a run is one worker less than the cores: one worker on CI's 2 cores, every file
    // after the other (the SQLite step took 17 min). Each file starts its own server and store (an
    // in-memory SQLite or its own PostgreSQL schema), so two files at once share nothing.
    maxWorkers: 2,
  },
});

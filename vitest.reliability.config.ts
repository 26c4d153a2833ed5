// The reliability suite (npm run test:reliability): races, crash recovery, fuzz, isolation, bounds and
// responsiveness, on the store OPENCOM_TEST_STORE selects. One file at a time: several of them measure.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});

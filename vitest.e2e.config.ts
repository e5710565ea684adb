import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Browser, HTTP and load tests against the production build, each file with its own server (npm run test:e2e). */
export default defineConfig({
  resolve: {
    alias: { "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)) },
  },
  test: {
    include: ["tests/browser/**/*.test.ts", "tests/system/**/*.test.ts"],
    globalSetup: ["tests/support/e2e-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Each file starts its own server; one at a time keeps timings honest on two cores.
    fileParallelism: false,
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Browser and HTTP tests against the production build (npm run test:browser). */
export default defineConfig({
  resolve: {
    alias: { "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)) },
  },
  test: {
    include: ["tests/browser/**/*.test.ts"],
    globalSetup: ["tests/browser/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Each file starts its own server; one at a time keeps timings honest on two cores.
    fileParallelism: false,
  },
});

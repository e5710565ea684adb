import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)) },
  },
  test: {
    // Sandbox pools spawn processes; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/browser/**", "tests/system/**", "node_modules/**"],
        },
      },
      {
        // The app's database-facing tests once more on a throwaway PostgreSQL server
        // (tests/support/database.ts), so both databases run the same queries.
        extends: true,
        test: {
          name: "postgresql",
          include: ["tests/app/**/*.test.ts"],
          env: { EPOCH_TEST_DATABASE: "postgresql" },
        },
      },
    ],
  },
});

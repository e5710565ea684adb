import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/browser/**", "tests/system/**", "node_modules/**"],
    // Sandbox pools spawn processes; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

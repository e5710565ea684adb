import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/browser/**", "node_modules/**"],
    // Sandbox pools spawn processes; give slow CI machines room without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

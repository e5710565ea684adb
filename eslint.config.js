import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "next-env.d.ts", "prisma/generated/", "prisma/postgres/generated/", "tests/artifacts/", "bench-results/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-console": ["error", { allow: ["warn", "error"] }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    // Student-style fixtures and starters are written the way students write them.
    files: ["exercises/*/solutions/**", "exercises/*/starter.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off", "prefer-const": "off" },
  },
  {
    // The harness runs inside the isolate and must use what it captured, never globals looked up late.
    files: ["grader/sandbox/harness.ts"],
    rules: { "no-restricted-globals": ["error", "JSON", "Reflect", "Object", "Array", "Number", "Math"] },
  },
);

import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * The layers, lowest first (README: "Architecture"). A file may import its own layer and the
 * ones below it that its layer lists; `^(\.\.?/)+name/` is a relative import reaching from the
 * file's folder into `name/`.
 */
const up = (...folders) => `^(\\.\\.?/)+(${folders.join("|")})(/|\\.ts$)`;
const layer = (files, forbidden, why, ...extraPatterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ regex: up(...forbidden), message: why }, ...extraPatterns] }] },
});
const LAYER_RULES = [
  layer(
    ["exercises/**"],
    ["grader", "app", "prisma", "config"],
    "Exercises are the lowest layer: they import nothing of the grader, the data layer, the configuration or the app.",
  ),
  layer(
    ["grader/engine/**"],
    ["app", "prisma", "config", "host", "cli"],
    "The grader's engine takes its exercise and settings as arguments: no app, data layer, configuration module or host.",
    {
      regex: "^(\\.\\.?/)+sandbox/(?!protocol\\.ts$)",
      message: "The engine reaches the sandbox only through its contract, sandbox/protocol.ts (it runs in the web app too, which must never load the sandbox).",
    },
  ),
  layer(
    ["grader/sandbox/**"],
    ["app", "prisma", "config", "host", "cli", "engine"],
    "The sandbox runs code and reports raw outputs: it knows nothing of the engine, the data layer, the configuration or the app.",
  ),
  layer(["grader/cli/**"], ["app", "prisma", "config", "host"], "The grader's command-line tools use the engine and the sandbox only."),
  layer(["grader/host/**"], ["app", "cli"], "The grader host never imports the web app."),
  layer(["prisma/**"], ["app", "grader"], "The data layer sits below the grader and the app: it imports neither."),
  layer(["app/**"], ["grader/sandbox", "grader/host", "grader/cli"], "The web app never loads the sandbox or the grader host: it queues work in the database."),
  layer(["config.ts"], ["exercises", "grader", "app", "prisma"], "The configuration module imports nothing of the project."),
];

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
  ...LAYER_RULES,
  {
    // The web app: the Rules of React (hooks and the compiler's checks) and Next's Core Web Vitals rules.
    files: ["app/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...nextPlugin.configs["core-web-vitals"],
    // Next looks for pages under app/ from the project root.
    settings: { next: { rootDir: "." } },
  },
  {
    // Student-style fixtures and starters are written the way students write them.
    files: ["exercises/*/solutions/**", "exercises/*/starter.ts", "tests/content/*/*/solutions/**", "tests/content/*/*/starter.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off", "prefer-const": "off" },
  },
  {
    // The harness runs inside the isolate and must use what it captured, never globals looked up late.
    files: ["grader/sandbox/harness.ts"],
    rules: { "no-restricted-globals": ["error", "JSON", "Reflect", "Object", "Array", "Number", "Math"] },
  },
);

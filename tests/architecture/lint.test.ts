/** The lint configuration fails a backwards import as soon as it is written. */
import { resolve } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, specifier: string): Promise<string[]> {
  const code = `import { value } from "${specifier}";\nexport const copy = value;\n`;
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules in eslint.config.js", () => {
  it.each([
    ["exercises/spec/probe.ts", "../../grader/engine/grade.ts"],
    ["exercises/core/probe.ts", "../../config.ts"],
    ["exercises/probe.ts", "../prisma/client.ts"],
    ["grader/engine/probe.ts", "../../app/_server/db.ts"],
    ["grader/engine/probe.ts", "../../prisma/queue.ts"],
    ["grader/engine/probe.ts", "../../config.ts"],
    ["grader/engine/probe.ts", "../host/host.ts"],
    ["grader/engine/probe.ts", "../sandbox/pool.ts"],
    ["grader/sandbox/probe.ts", "../../app/_server/env.ts"],
    ["grader/sandbox/probe.ts", "../engine/grade.ts"],
    ["grader/host/probe.ts", "../../app/_server/db.ts"],
    ["prisma/probe.ts", "../app/_server/access.ts"],
    ["prisma/probe.ts", "../grader/sandbox/pool.ts"],
    ["prisma/probe.ts", "../grader/engine/result.ts"],
    ["app/_server/probe.ts", "../../grader/sandbox/pool.ts"],
    ["app/_server/probe.ts", "../../grader/host/host.ts"],
    ["config.ts", "./app/_server/db.ts"],
  ])("refuses %s importing %s", async (file, specifier) => {
    const messages = await restrictedImports(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/layer|imports nothing|never|knows nothing|only through|takes its exercise/);
  });

  it.each([
    ["grader/engine/probe.ts", "../../exercises/spec/define.ts"],
    ["grader/engine/probe.ts", "../sandbox/protocol.ts"],
    ["grader/host/probe.ts", "../../prisma/queue.ts"],
    ["grader/host/probe.ts", "../../config.ts"],
    ["prisma/probe.ts", "../exercises/registry.ts"],
    ["app/_server/probe.ts", "../../grader/engine/student-view.ts"],
    ["app/_server/probe.ts", "../../prisma/client.ts"],
  ])("allows %s importing %s", async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});

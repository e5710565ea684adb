/** The grader's deliberate use of Node's type remover prints no warning; other warnings still do. */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

// An absolute URL: the script runs from the command line, not as a module of this folder.
const PREPARE = new URL("../../grader/sandbox/prepare.ts", import.meta.url).href;
const SCRIPT = `
import { prepareSource } from ${JSON.stringify(PREPARE)};
const prepared = prepareSource("export function f(x: number): number { return x; }", "typescript");
if (!prepared.ok) throw new Error("not prepared");
process.emitWarning("someFeature is an experimental feature and might change at any time", "ExperimentalWarning");
process.emitWarning("a plain warning");
`;

it("drops only the type remover's ExperimentalWarning", () => {
  const { stderr, status } = spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { encoding: "utf8" });
  expect(status, stderr).toBe(0);
  expect(stderr).not.toContain("stripTypeScriptTypes");
  expect(stderr).toContain("ExperimentalWarning: someFeature is an experimental feature");
  expect(stderr).toContain("Warning: a plain warning");
});

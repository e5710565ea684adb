import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BENCH_END, BENCH_START, replaceBenchBlock, writeBenchBlock } from "./readme-block.ts";

const DATE = new Date("2026-12-03T13:20:00Z");

it("replaces only the marked block, with the date and the table", () => {
  const readme = `# Title\n\nBefore.\n\n${BENCH_START}\nold figures\n${BENCH_END}\n\nAfter.\n`;
  const next = replaceBenchBlock(readme, "runner  subs/s\nepoch   321\n", DATE);
  expect(next.startsWith("# Title\n\nBefore.\n\n")).toBe(true);
  expect(next.endsWith(`${BENCH_END}\n\nAfter.\n`)).toBe(true);
  expect(next).not.toContain("old figures");
  expect(next).toContain("Measured 2026-12-03 13:20 UTC");
  expect(next).toContain("```text\nrunner  subs/s\nepoch   321\n```");
  // Running it again replaces the block it wrote.
  expect(replaceBenchBlock(next, "epoch   400", DATE)).toBe(replaceBenchBlock(readme, "epoch   400", DATE));
});

it("refuses a README without exactly one block", () => {
  expect(() => replaceBenchBlock("# no markers\n", "t", DATE)).toThrow(/no <!-- bench:start -->/);
  expect(() => replaceBenchBlock(`${BENCH_END}\n${BENCH_START}\n`, "t", DATE)).toThrow(/no/);
  expect(() => replaceBenchBlock(`${BENCH_START}\n${BENCH_START}\n${BENCH_END}`, "t", DATE)).toThrow(/more than one/);
});

it("rewrites the file in place", () => {
  const path = join(mkdtempSync(join(tmpdir(), "epoch-readme-")), "README.md");
  writeFileSync(path, `a\n${BENCH_START}\n${BENCH_END}\nb\n`);
  writeBenchBlock(path, "table", DATE);
  expect(readFileSync(path, "utf8")).toBe(
    `a\n${BENCH_START}\nMeasured 2026-12-03 13:20 UTC with \`npm run bench -- --write-readme\`:\n\n\`\`\`text\ntable\n\`\`\`\n${BENCH_END}\nb\n`,
  );
});

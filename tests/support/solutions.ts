import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A fixture from an exercise's solutions/ folder. */
export function solution(exerciseId: string, name: string): string {
  return readFileSync(join(process.cwd(), "exercises", exerciseId, "solutions", `${name}.ts`), "utf8");
}

/** Which pictures a regrade preview shows for a changed entry. */
import { describe, expect, it } from "vitest";
import { changedTestPictures } from "../../app/_server/staff/regrade-pictures.ts";
import { readSolution } from "../../exercises/fixtures.ts";
import { getExercise } from "../../exercises/registry.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });
const grade = async (fixture: string) =>
  JSON.stringify(await gradeSubmission(pool, { exercise: getExercise("kmeans-step"), source: readSolution("kmeans-step", fixture), seed: 5, mode: "submit" }));

describe("a regrade preview's pictures", () => {
  it("are the visible tests whose outcome the regrade changes, from the new result", async () => {
    const [correct, ties] = await Promise.all([grade("correct"), grade("ties-last-index")]);
    const pictures = changedTestPictures("s1", correct, ties);
    expect(pictures.length).toBeGreaterThan(0);
    for (const p of pictures) {
      expect(p.oldStatus).toBe("passed");
      expect(p.newStatus).toBe("failed");
      expect(p.picture.kind).toBe("kmeans");
    }
    expect(pictures.map((p) => p.testName)).toContain("points exactly halfway between two centroids (a tie)");
    // Hidden tests changed too, but have no picture to show.
    const hiddenNames = (JSON.parse(ties) as { tests: { name: string; visibility: string }[] }).tests.filter((t) => t.visibility === "hidden").map((t) => t.name);
    expect(pictures.filter((p) => hiddenNames.includes(p.testName))).toEqual([]);
  });

  it("once applied (old and new agree), are the visible tests still failing; none when every test passes", async () => {
    const [correct, ties] = await Promise.all([grade("correct"), grade("ties-last-index")]);
    const applied = changedTestPictures("s1", ties, ties);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((p) => p.newStatus !== "passed")).toBe(true);
    expect(changedTestPictures("s1", correct, correct)).toEqual([]);
  });
});

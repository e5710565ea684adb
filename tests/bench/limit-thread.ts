/** A worker thread of the limit runner: grades each batch it is sent directly, and answers how many were graded as expected. */
import { parentPort } from "node:worker_threads";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { limitRunner, type BenchSubmission } from "./runners.ts";
import { getExercise } from "../../exercises/registry.ts";

const runner = limitRunner();
parentPort!.on("message", async (submissions: BenchSubmission[]) => {
  let passed = 0;
  for (const submission of submissions) {
    const result = await gradeSubmission(runner, { exercise: getExercise(submission.exerciseId), source: submission.source, seed: submission.seed, mode: "submit" });
    if ((result.verdict === "passed") === submission.shouldPass) passed++;
  }
  parentPort!.postMessage({ correct: passed });
});

/**
 * What a student may see of a result. Hidden tests keep their name, status, points, the line
 * (not the column) of a runtime error in the student's own file and a recognised mistake's hint; their inputs, expected and returned
 * values, messages, logs and durations are removed, since any of those could carry hidden
 * data. A duration is a side channel too: code can spend time in proportion to a hidden input
 * and read it back from the timing, so the result's own timing goes whenever hidden tests ran.
 */
import type { GradeResult, TestResult, TestStatus } from "./result.ts";

const HIDDEN_MESSAGES: Record<TestStatus, string> = {
  passed: "Passed.",
  failed: "Wrong answer on a hidden test.",
  runtime_error: "Your code threw an error on a hidden test.",
  timeout: "Time limit exceeded on a hidden test.",
  memory_limit: "Memory limit exceeded on a hidden test.",
  invalid_output: "Your code returned a value that cannot be graded on a hidden test.",
  not_run: "Not run.",
};

function redactTest(test: TestResult): TestResult {
  if (test.visibility === "visible") return test;
  // The line helps a student find their bug; the column would only widen the channel a line
  // already is (code can throw from a line chosen by a hidden input).
  const location = test.status === "runtime_error" && test.location && test.location.line > 0 ? { location: { line: test.location.line, column: 0 } } : {};
  return {
    name: test.name,
    visibility: "hidden",
    status: test.status,
    passed: test.passed,
    points: test.points,
    maxPoints: test.maxPoints,
    message: HIDDEN_MESSAGES[test.status],
    ...(test.hint ? { hint: test.hint } : {}),
    ...location,
  };
}

export function redactForStudent(result: GradeResult): GradeResult {
  if (result.redacted) return result;
  const error =
    result.verdict === "internal_error"
      ? { error: { message: "The grader failed on this submission. It will be graded again; nothing you submitted is lost." } }
      : result.error
        ? { error: result.error }
        : {};
  const { error: _dropped, timing, ...rest } = result;
  // Even a result whose tests all say "not run" may have been cut short during a hidden test.
  const hadHidden = result.tests.some((t) => t.visibility === "hidden");
  const shownTiming = timing && !hadHidden ? { timing } : {};
  // A calculation's parts are all visible, but their reference answers are not: the student may try again.
  const tests = result.kind === "calculation" ? result.tests.map(({ expected: _reference, ...part }) => part) : result.tests.map(redactTest);
  return { ...rest, ...error, ...shownTiming, tests, redacted: true };
}

/**
 * Grades one submission: prepares the exercise's cases for the student's seed, runs the code
 * in the sandbox pool, compares every output with the reference and explains each failure.
 * Student code's output is untrusted data: nothing here throws because of it.
 */
import { effectiveLimits, pythonMemoryMb, sourceSizeProblem, type ExerciseLimits } from "../../exercises/spec/limits.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { caseTexts, prepareCases, type PreparedCase } from "./cases.ts";
import { compareOutput } from "../../exercises/spec/compare.ts";
import { recogniseMistakes } from "./mistakes.ts";
import { formatValue } from "../../exercises/spec/format.ts";
import { verdictFromTests, type GradeResult, type TestResult, type Verdict } from "./result.ts";
import { DEFAULT_LANGUAGE, entryNameIn, pythonParamName, type Language } from "../../exercises/spec/languages.ts";
import type { CallOutcome, JobOutcome, SandboxJob } from "../sandbox/protocol.ts";
import { decodeWire } from "./wire.ts";
import { describeExpectedForPython, pythonWrongTypeMessage, specAt } from "./python-output.ts";
import { attachPictures } from "./pictures/attach.ts";
import { Unrepresentable, isRecord, type Decoded } from "../../exercises/spec/values.ts";
import type { OutputSpec } from "../../exercises/spec/output.ts";

export type GradeMode = "run" | "submit";

/** A test result before `passed` is derived from its status. */
type TestDraft = Omit<TestResult, "passed">;

export interface GradeRequest {
  /** The exercise graded: the caller looks it up (the grader keeps no registry of its own). */
  readonly exercise: Exercise;
  readonly source: string;
  readonly language?: Language;
  /** The student's variant seed. */
  readonly seed: number;
  /** "run": visible tests only; "submit": every test. */
  readonly mode: GradeMode;
}

/** What grading needs from the sandbox pool (the real one, or any stand-in with the same contract). */
export interface JobRunner {
  run(job: SandboxJob): Promise<JobOutcome>;
}

/** Date.now() inside the sandbox: fixed, so code that reads the clock grades the same every time. */
const SANDBOX_TIME = Date.UTC(2025, 0, 1);

export async function gradeSubmission(runner: JobRunner, request: GradeRequest): Promise<GradeResult> {
  const started = performance.now();
  const exercise = request.exercise;
  const language = request.language ?? DEFAULT_LANGUAGE;
  const entry = entryNameIn(language, exercise.entry);
  const exerciseLimits = effectiveLimits(exercise.limits);
  // Python's heap includes the interpreter itself: its memory limit is larger (limits.ts).
  const limits = language === "python" ? { ...exerciseLimits, memoryMb: pythonMemoryMb(exerciseLimits.memoryMb) } : exerciseLimits;
  const prepared = prepareCases(exercise, request.seed);
  const cases = request.mode === "submit" ? [...prepared.visible, ...prepared.hidden] : [...prepared.visible];
  const base = { exerciseId: exercise.id, seed: request.seed, mode: request.mode, redacted: false } as const;
  const finish = (
    draft: Omit<GradeResult, keyof typeof base | "timing" | "hidden" | "score" | "maxScore" | "summary" | "tests"> & { tests: TestDraft[] },
    sandboxMs?: number,
  ): GradeResult => {
    const partial = { ...draft, tests: draft.tests.map((t): TestResult => ({ ...t, passed: t.status === "passed" })) };
    const score = partial.tests.reduce((sum, t) => sum + t.points, 0);
    const maxScore = partial.tests.reduce((sum, t) => sum + t.maxPoints, 0);
    const hiddenTests = partial.tests.filter((t) => t.visibility === "hidden");
    return {
      ...base,
      ...partial,
      score,
      maxScore,
      summary: summarize(partial.verdict, partial.tests, partial.error?.location),
      hidden: { total: hiddenTests.length, passed: hiddenTests.filter((t) => t.status === "passed").length },
      timing: { totalMs: performance.now() - started, ...(sandboxMs === undefined ? {} : { sandboxMs }) },
    };
  };
  const notRun = (message: string): TestDraft[] => cases.map((c) => ({ ...testShell(c, exercise, language), status: "not_run", message }));

  const sizeProblem = sourceSizeProblem(request.source, limits.maxSourceBytes);
  if (sizeProblem) {
    return finish({ verdict: "compile_error", error: { message: sizeProblem }, tests: notRun("Not run: the code was not accepted.") });
  }

  const job: SandboxJob = {
    source: request.source,
    language,
    entry,
    calls: cases.map((c) => ({ argsJson: c.argsJson, randomSeed: c.randomSeed })),
    limits: {
      timeLimitMs: limits.timeLimitMs,
      testTimeLimitMs: limits.testTimeLimitMs,
      memoryMb: limits.memoryMb,
      maxOutputChars: limits.maxOutputChars,
      maxLogChars: limits.maxLogChars,
    },
    fixedTime: SANDBOX_TIME,
  };
  const outcome = await runner.run(job);

  const lines = sourceLines(request.source);
  switch (outcome.kind) {
    case "compile_error":
      return finish({
        verdict: "compile_error",
        error: { message: outcome.problem.message, location: { line: outcome.problem.line, column: outcome.problem.column } },
        tests: notRun("Not run: the code did not compile."),
      });
    case "missing_export":
      return finish({
        verdict: "compile_error",
        error: { message: language === "python" ? missingFunctionMessage(exercise, entry, outcome.exportNames) : missingExportMessage(exercise.entry, outcome.exportNames) },
        tests: notRun("Not run: the function to test was not found."),
        loadLogs: outcome.logs,
      });
    case "load_failed":
      return finish({
        verdict: "runtime_error",
        error: { message: `${outcome.error.name}: ${outcome.error.message} (while loading your module, before any test ran)`, ...locationOf(outcome.error, lines) },
        tests: notRun("Not run: loading the module failed."),
        loadLogs: outcome.logs,
      });
    case "load_timeout":
      return finish({
        verdict: "timeout",
        error: { message: `Loading your module took longer than ${Math.min(limits.testTimeLimitMs, limits.timeLimitMs)} ms: look for a loop at the top level of the file.` },
        tests: notRun("Not run: the time limit was exceeded."),
      });
    case "load_memory_limit":
      return finish({
        verdict: "memory_limit",
        error: { message: `Loading your module used more than the ${limits.memoryMb} MB of memory allowed.` },
        tests: notRun("Not run: the memory limit was exceeded."),
      });
    case "crashed": {
      const verdict: Verdict = outcome.reason === "killed_after_timeout" ? "timeout" : "memory_limit";
      const message =
        verdict === "timeout"
          ? `Your code did not finish within ${limits.timeLimitMs} ms, and the sandbox had to be stopped. Look for a loop that never ends${language === "python" ? "" : " or a promise that never settles"}.`
          : `Your code made the sandbox process crash, which happens when far too much memory is requested at once (a huge ${language === "python" ? "list" : "array"} or string).`;
      return finish({ verdict, error: { message }, tests: notRun(`Not run: ${verdict === "timeout" ? "the time limit was exceeded" : "the sandbox crashed"}.`) });
    }
    case "internal_error":
      return finish({
        verdict: "internal_error",
        error: { message: `The grader failed while running this submission: ${outcome.message}` },
        tests: notRun("Not run: the grader failed."),
      });
    case "ran": {
      const calls = cases.map((_, i): CallOutcome => outcome.calls[i] ?? { status: "not_run", reason: "crash" });
      const compared = cases.map((c, i) => testResult(c, calls[i]!, exercise, limits, lines, language));
      // A hint must explain the whole submission, so it is chosen once every test is compared.
      // Wrong answers only: a test failed for changing its inputs may have returned the right one.
      const wrongAnswer = (i: number): Extract<CallOutcome, { status: "returned" }> | null => {
        const call = calls[i]!;
        return compared[i]!.status === "failed" && call.status === "returned" && !call.mutated ? call : null;
      };
      const failedIndices = compared.flatMap((_, i) => (wrongAnswer(i) ? [i] : []));
      const failed = failedIndices.map((i) => ({ case: cases[i]!, got: decodeWire(wrongAnswer(i)!.value) }));
      const hints = new Map(recogniseMistakes(exercise, prepared.variant, failed).map((hint, k) => [failedIndices[k]!, hint]));
      const hinted = compared.map((t, i) => {
        const hint = hints.get(i);
        return hint ? { ...t, hint } : t;
      });
      const tests = await attachPictures(hinted, { exercise, variant: prepared.variant, cases, calls, job, run: (probeJob) => runner.run(probeJob) });
      const logs = outcome.loadLogs ? { loadLogs: outcome.loadLogs } : {};
      if (outcome.ranOverAfterwards) {
        const message = `Every test returned, but code they left running (a promise callback, say after an \`await\`) went on past the ${limits.timeLimitMs} ms limit.`;
        return finish({ verdict: "timeout", error: { message }, tests: tests.map((t) => ({ ...t, points: 0 })), ...logs }, outcome.sandboxMs);
      }
      return finish({ verdict: verdictFromTests(tests), tests, ...logs }, outcome.sandboxMs);
    }
  }
}

function testShell(c: PreparedCase, exercise: Exercise, language: Language): Omit<TestDraft, "status" | "message"> {
  // The call and the values as the student writes them: `kmeans_step(points = …)`, `True`, `None` in Python.
  const texts = caseTexts(c, exercise, language);
  return {
    name: c.name,
    visibility: c.visibility,
    points: 0,
    maxPoints: c.weight,
    input: texts.input,
    expected: texts.expected,
  };
}

/** The lengths of the source's lines, as V8 counts lines. */
function sourceLines(source: string): number[] {
  return source.split(/\r\n|[\r\n\u2028\u2029]/).map((line) => line.length);
}

/** A location only when it lies inside the student's source (a line that exists, a column within it or just past its end). */
function locationOf(error: { line: number; column: number }, lines: readonly number[]): { location?: { line: number; column: number } } {
  const length = lines[error.line - 1];
  if (error.line < 1 || length === undefined || error.column < 1 || error.column > length + 1) return {};
  return { location: { line: error.line, column: error.column } };
}

function containsUnrepresentable(value: Decoded): Unrepresentable | null {
  if (value instanceof Unrepresentable) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = containsUnrepresentable(item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) {
      const found = containsUnrepresentable(item);
      if (found) return found;
    }
  }
  return null;
}

/** The first value that cannot be a result, where it is, and what the reference has there. */
function findUnrepresentable(got: Decoded, expected: unknown, path: string): { found: Unrepresentable; path: string; expected: unknown } | null {
  if (got instanceof Unrepresentable) return { found: got, path, expected };
  if (Array.isArray(got)) {
    for (const [i, item] of got.entries()) {
      const found = findUnrepresentable(item, Array.isArray(expected) ? expected[i] : undefined, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isRecord(got)) {
    for (const [key, item] of Object.entries(got)) {
      const found = findUnrepresentable(item, isRecord(expected) ? expected[key] : undefined, path === "" ? key : `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** A Python result that cannot be graded: what it is, what was expected there, and the usual fix. */
function pythonInvalidValueMessage(at: { found: Unrepresentable; path: string; expected: unknown }, spec: OutputSpec): string {
  const whole = at.path === "";
  const where = whole ? "The function returned" : `\`${at.path}\` is`;
  const wanted = describeExpectedForPython(at.expected, specAt(spec, at.path));
  const type = at.found.type;
  if (type === "None") {
    return whole
      ? `The function returned None, but it should return ${wanted}: did you forget a \`return\`?`
      : `${where} None where ${wanted} was expected (a function without \`return\`, or a list filled with None?).`;
  }
  const lazy = ["generator", "map", "filter", "zip", "range", "reversed", "enumerate", "dict_keys", "dict_values", "dict_items"];
  if (lazy.includes(type)) return `${where} a ${type}, but it should be ${wanted}: wrap it in \`list(...)\` to return its values.`;
  if (type === "set" || type === "frozenset") return `${where} a ${type}, but it should be ${wanted}: a set has no order, so return a list.`;
  if (type === "function" || type === "builtin_function_or_method" || type === "method") return `${where} a function, but it should be ${wanted}: did you forget to call it?`;
  if (type === "Fraction" || type === "Decimal") return `${where} a ${type}, but it should be ${wanted}: convert it with \`float(...)\`.`;
  return `${where} a ${type}, which cannot be graded: it should be ${wanted}.`;
}

function invalidValueMessage(found: Unrepresentable, whole: boolean): string {
  switch (found.type) {
    case "undefined":
      return whole
        ? "The function returned undefined: did you forget a `return`?"
        : "The result contains undefined where a value was expected (an index past the end of an array?).";
    case "Promise":
      return "The function returned a Promise: it must return its result directly (remove `async`).";
    case "function":
      return "The result contains a function where a value was expected.";
    default:
      return `The result contains a ${found.type}, which is not a valid output here.`;
  }
}

function testResult(c: PreparedCase, call: CallOutcome, exercise: Exercise, limits: ExerciseLimits, lines: readonly number[], language: Language): TestDraft {
  const shell = testShell(c, exercise, language);
  const logs = "logs" in call && call.logs ? { logs: call.logs } : {};
  const ms = "ms" in call ? { ms: call.ms } : {};
  switch (call.status) {
    case "returned": {
      const got = decodeWire(call.value);
      const gotText = { got: formatValue(got, 2000, language) };
      if (language === "python") {
        const at = findUnrepresentable(got, c.expected, "");
        if (at) return { ...shell, ...gotText, ...logs, ...ms, status: "invalid_output", message: pythonInvalidValueMessage(at, exercise.output) };
        const wrongType = pythonWrongTypeMessage(got, c.expected, exercise.output, entryNameIn(language, exercise.entry));
        if (wrongType) return { ...shell, ...gotText, ...logs, ...ms, status: "invalid_output", message: wrongType };
      }
      const invalid = containsUnrepresentable(got);
      if (invalid) return { ...shell, ...gotText, ...logs, ...ms, status: "invalid_output", message: invalidValueMessage(invalid, invalid === got) };
      if (call.mutated) return { ...shell, ...gotText, ...logs, ...ms, status: "failed", message: mutationMessage(exercise, call.mutated) };
      const comparison = compareOutput(c.expected, got, exercise.output, { language });
      if (comparison.ok) return { ...shell, ...gotText, ...logs, ...ms, status: "passed", points: c.weight, message: "Passed." };
      return { ...shell, ...gotText, ...logs, ...ms, status: "failed", message: comparison.message };
    }
    case "threw": {
      const at = locationOf(call.error, lines);
      return {
        ...shell,
        ...logs,
        ...ms,
        status: "runtime_error",
        message: `${call.error.name}: ${call.error.message}${at.location ? ` (line ${at.location.line}, column ${at.location.column})` : ""}`,
        ...at,
        ...(call.error.traceback ? { traceback: call.error.traceback } : {}),
      };
    }
    case "invalid":
      return {
        ...shell,
        ...logs,
        ...ms,
        status: "invalid_output",
        message:
          call.reason === "too_large"
            ? `The returned value is larger than the ${limits.maxOutputChars.toLocaleString("en-US")} characters allowed.`
            : `The returned value cannot be graded: ${call.reason}.`,
      };
    case "timeout":
      return {
        ...shell,
        ...ms,
        status: "timeout",
        message:
          call.budget === "submission"
            ? `Time limit exceeded: the submission's ${limits.timeLimitMs} ms in total ran out during this test.`
            : `Time limit exceeded: this test took longer than its ${limits.testTimeLimitMs} ms. Look for a loop that never ends.`,
      };
    case "memory_limit":
      return { ...shell, ...ms, status: "memory_limit", message: `Memory limit exceeded: the sandbox allows ${limits.memoryMb} MB.` };
    case "not_run":
      return {
        ...shell,
        status: "not_run",
        message:
          call.reason === "timeout"
            ? `Not run: the submission's total time (${limits.timeLimitMs} ms) ran out before this test.`
            : `Not run: an earlier test ${call.reason === "memory_limit" ? "exceeded the memory limit" : "crashed the sandbox"}.`,
      };
  }
}

function mutationMessage(exercise: Exercise, mutated: { index: number; path: string }): string {
  const name = exercise.params[mutated.index] ?? `argument ${mutated.index + 1}`;
  const where = mutated.path === "" ? "" : ` (at ${name}${mutated.path})`;
  return `Your function changed its argument \`${name}\`${where}; return new arrays instead of modifying the inputs.`;
}

/** Python: the function must be defined under its snake_case name, with the exercise's parameters. */
function missingFunctionMessage(exercise: Exercise, entry: string, defined: readonly string[]): string {
  const params = exercise.params.map(pythonParamName).join(", ");
  const base = `Your module must define a function named \`${entry}\`, e.g. \`def ${entry}(${params}):\`.`;
  if (entry !== exercise.entry && defined.includes(exercise.entry)) return `${base} Python names are snake_case: rename \`${exercise.entry}\` to \`${entry}\`.`;
  if (defined.length > 0) return `${base} It defines: ${defined.map((n) => `\`${n}\``).join(", ")}.`;
  return `${base} It defines no function.`;
}

function missingExportMessage(entry: string, exportNames: readonly string[]): string {
  const base = `Your module must export a function named \`${entry}\`, e.g. \`export function ${entry}(...) { ... }\`.`;
  if (exportNames.includes("default")) return `${base} It uses \`export default\`; export the function by name instead.`;
  if (exportNames.length > 0) return `${base} It exports: ${exportNames.map((n) => `\`${n}\``).join(", ")}.`;
  return `${base} It exports nothing.`;
}

function summarize(verdict: Verdict, tests: readonly TestResult[], location: { line: number; column: number } | undefined): string {
  const at = location && location.line > 0 ? ` at line ${location.line}, column ${location.column}` : "";
  switch (verdict) {
    case "compile_error":
      return `Compile error${at}`;
    case "internal_error":
      return "The grader failed on this submission";
    default: {
      if (tests.every((t) => t.status === "not_run")) {
        const what = { runtime_error: "Runtime error", timeout: "Time limit exceeded", memory_limit: "Memory limit exceeded" } as Record<string, string>;
        return `${what[verdict] ?? "Not graded"}${at}`;
      }
      const passed = tests.filter((t) => t.status === "passed").length;
      return passed === tests.length ? `All ${tests.length} tests passed` : `${passed} of ${tests.length} tests passed`;
    }
  }
}

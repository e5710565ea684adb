/**
 * Python results whose types cannot stand for what the exercise returns are found before the
 * comparison, and the message says what came back, where, and what was expected there.
 */
import { describe, expect, it } from "vitest";
import { out } from "../../exercises/spec/output.ts";
import { pythonWrongTypeMessage } from "../../grader/engine/python-output.ts";

const vector = out.vector();
const kmeans = out.object({ assignments: out.array(out.integer()), centroids: out.matrix() });

describe("Python results converted against the output spec", () => {
  it("a str, a bool or NaN where a number is expected cannot be converted", () => {
    expect(pythonWrongTypeMessage("abc", 0.5, out.number(), "cosine_similarity")).toBe(
      'cosine_similarity returned a str ("abc") where a number (a float) was expected. Return the number itself, not its text (float(...) converts a str).',
    );
    expect(pythonWrongTypeMessage(true, 3, out.integer(), "count_parameters")).toBe(
      "count_parameters returned a bool (True) where an int was expected. True and False are not numbers here.",
    );
    expect(pythonWrongTypeMessage(Number.NaN, 0.5, out.number(), "cosine_similarity")).toMatch(
      /^cosine_similarity returned nan where a number \(a float\) was expected\. NaN comes from float\("nan"\)/,
    );
  });

  it("names the place of a nested value of the wrong type, and what the whole result should be", () => {
    expect(pythonWrongTypeMessage([0.5, "0.25"], [0.5, 0.25], vector, "forward")).toBe(
      '`[1]` is a str ("0.25") where a number (a float) was expected (forward returns a list of 2 numbers). Return the number itself, not its text (float(...) converts a str).',
    );
    const got = { assignments: [0, 1], centroids: [[1, Number.NaN]] };
    expect(pythonWrongTypeMessage(got, { assignments: [0, 1], centroids: [[1, 2]] }, kmeans, "kmeans_step")).toMatch(
      /^`centroids\[0\]\[1\]` is nan where a number \(a float\) was expected \(kmeans_step returns a dict with keys "assignments", "centroids"\)\./,
    );
    expect(pythonWrongTypeMessage({ value: 1 }, [0.5], vector, "forward")).toBe('forward returned a dict ({"value": 1}) where a list of 1 number was expected.');
    expect(pythonWrongTypeMessage([[0.5]], [0.5], vector, "forward")).toBe("`[0]` is a list ([0.5]) where a number (a float) was expected (forward returns a list of 1 number).");
  });

  it("leaves right types in a wrong shape, wrong numbers and infinities to the comparison", () => {
    expect(pythonWrongTypeMessage([0.5, 0.25, 1], [0.5, 0.25], vector, "forward")).toBeNull();
    expect(pythonWrongTypeMessage([Infinity], [0.5], vector, "forward")).toBeNull();
    expect(pythonWrongTypeMessage({ assignments: [0] }, { assignments: [0], centroids: [[1]] }, kmeans, "kmeans_step")).toBeNull();
    expect(pythonWrongTypeMessage(7500, 7500, out.integer(), "count_parameters")).toBeNull();
  });
});

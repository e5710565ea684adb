import { describe, expect, it } from "vitest";
import { compareOutput, outputsMatch } from "../../exercises/spec/compare.ts";
import { out } from "../../exercises/spec/output.ts";
import { Unrepresentable } from "../../exercises/spec/values.ts";

describe("compareOutput", () => {
  it("accepts values within rtol/atol and reports the largest error", () => {
    const result = compareOutput([1, 2], [1 + 1e-9, 2], out.vector({ rtol: 1e-6, atol: 0 }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.maxError).toBeCloseTo(1e-9, 12);
  });

  it("names the worst mismatching element with expected, got, error and tolerance", () => {
    const result = compareOutput([1, 2, 3], [1, 2.5, 3.001], out.vector({ rtol: 0, atol: 1e-6 }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe("2 of 3 values are wrong. Worst: result[1]: expected 2, got 2.5 (error 0.5, allowed 1e-6).");
    }
  });

  it("checks shapes before values and recognises a transposed matrix", () => {
    const result = compareOutput(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
      out.matrix(),
    );
    expect(result).toMatchObject({ ok: false, kind: "structure" });
    if (!result.ok) expect(result.message).toBe("The result should be a 2×3 matrix (rows × columns), but it is 3×2: it looks transposed (rows and columns swapped).");
  });

  it("reports a wrong vector length", () => {
    const result = compareOutput([1, 2, 3], [1, 2], out.vector());
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toBe("The result should have 3 entries, but it has 2.");
  });

  it("reports NaN as NaN, with its likely cause", () => {
    const result = compareOutput([0.5, 1], [Number.NaN, 1], out.vector());
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain("result[0]: expected 0.5, got NaN");
    expect(result.message).toContain("index out of range");
  });

  it("reports ±Infinity as an overflow", () => {
    const result = compareOutput(2, Infinity, out.number());
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toBe("expected 2, got Infinity (an overflow or a division by zero?).");
  });

  it("matches an infinite expected value only with the same infinity", () => {
    expect(compareOutput(Infinity, Infinity, out.number()).ok).toBe(true);
    expect(compareOutput(Infinity, 1e308, out.number()).ok).toBe(false);
    expect(compareOutput(-Infinity, Infinity, out.number()).ok).toBe(false);
    expect(compareOutput([Infinity, 1], [3.5, 1], out.vector()).ok).toBe(false);
  });

  it("compares integers exactly and says by how much they differ", () => {
    expect(compareOutput(235146, 235146, out.integer()).ok).toBe(true);
    const result = compareOutput(235146, 234752, out.integer());
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toBe("expected 235146, got 234752 (off by -394).");
    expect(compareOutput(3, 3.0000001, out.integer()).ok).toBe(false);
  });

  it("treats -0 as equal to 0", () => {
    expect(compareOutput([0], [-0], out.vector()).ok).toBe(true);
  });

  it("names a missing field of an object result", () => {
    const spec = out.object({ dW: out.matrix(), db: out.vector() });
    const result = compareOutput({ dW: [[1]], db: [1] }, Object.assign(Object.create(null), { dW: [[1]] }), spec);
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toBe("The result is missing the field `db`.");
  });

  it("uses field paths in messages for nested results", () => {
    const spec = out.object({ dW1: out.matrix({ atol: 1e-9, rtol: 0 }) });
    const result = compareOutput(
      {
        dW1: [
          [1, 2],
          [3, 4],
        ],
      },
      {
        dW1: [
          [1, 2],
          [3, -4],
        ],
      },
      spec,
    );
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain("dW1[1][1]: expected 4, got -4");
  });

  it("explains a missing return and a Promise", () => {
    const undefinedResult = compareOutput([1], new Unrepresentable("undefined"), out.vector());
    if (undefinedResult.ok) throw new Error("expected a failure");
    expect(undefinedResult.message).toContain("did you forget a `return`");
    const promiseResult = compareOutput([1], new Unrepresentable("Promise"), out.vector());
    if (promiseResult.ok) throw new Error("expected a failure");
    expect(promiseResult.message).toContain("remove `async`");
  });

  it("rejects a string where a number is expected", () => {
    const result = compareOutput(1, "1", out.number());
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toBe("The result should be a number, but it is a string.");
  });

  it("outputsMatch treats NaN as matching NaN (for recognising mistakes only)", () => {
    expect(outputsMatch([Number.NaN], [Number.NaN], out.vector())).toBe(true);
    expect(compareOutput([Number.NaN], [Number.NaN], out.vector()).ok).toBe(false);
  });
  it("names 32-bit floats when a Float32Array's values miss a tight tolerance", () => {
    const expected = [0.1, 2 / 3, Math.PI];
    const got = Array.from(Float32Array.from(expected));
    const result = compareOutput(expected, got, out.vector({ rtol: 1e-9, atol: 0 }));
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(
      /^Your values are 32-bit floats \(about 7 significant digits, e\.g\. from a Float32Array\); this test needs rtol 1e-9, atol 0: use plain numbers or Float64Array\. 3 of 3 values are wrong\. Worst: /,
    );
  });

  it("does not blame precision for a miss too large for 32-bit floats", () => {
    const expected = [0.1, 2 / 3];
    const got = Array.from(Float32Array.from([0.1, 0.7]));
    const result = compareOutput(expected, got, out.vector({ rtol: 1e-6, atol: 0 }));
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).not.toContain("32-bit");
  });

  it("does not blame precision for double-precision values, even tiny misses", () => {
    const result = compareOutput([0.1, 2 / 3], [0.1 + 1e-9, 2 / 3], out.vector({ rtol: 1e-9, atol: 0 }));
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).not.toContain("32-bit");
  });

  it("does not blame precision for a round number that happens to be a 32-bit float", () => {
    const result = compareOutput(1000.01, 1000, out.number({ rtol: 1e-6, atol: 0 }));
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toMatch(/^expected 1000\.01, got 1000 \(error 0\.01, allowed /);
  });
});

describe("compareOutput for Python", () => {
  const message = (expected: unknown, got: unknown, spec: Parameters<typeof compareOutput>[2]) => {
    const result = compareOutput(expected, got, spec, { language: "python" });
    return result.ok ? "ok" : result.message;
  };

  it("names the returned value in Python's words", () => {
    expect(message([1, 2], "12", out.vector())).toBe("The result should be a list of length 2, but it is a string (str).");
    expect(message({ w: [1], b: 0 }, [1, 0], out.object({ w: out.vector(), b: out.number() }))).toBe(
      "The result should be a dict with keys `w`, `b`, but it is a list of length 2.",
    );
    expect(message({ w: [1], b: 0 }, { w: [1] }, out.object({ w: out.vector(), b: out.number() }))).toBe('The result is missing the key `"b"`.');
    expect(message(1, true, out.number())).toBe("The result should be a number, but it is a bool.");
    expect(message([[1, 2]], 3, out.matrix())).toBe("The result should be a 1×2 matrix (a list of 1 list), but it is a number.");
  });

  it("explains NaN and infinity without JavaScript's undefined or division by zero, which raise in Python", () => {
    expect(message(0.5, Number.NaN, out.number())).toBe('expected 0.5, got NaN (NaN comes from float("nan"), or from inf − inf or 0 × inf, often after an overflow).');
    expect(message(0.5, Infinity, out.number())).toBe("expected 0.5, got Infinity (an overflow?).");
    // TypeScript keeps its own wording.
    expect(compareOutput(0.5, Number.NaN, out.number())).toMatchObject({ message: expect.stringContaining("arithmetic on undefined") });
  });
});

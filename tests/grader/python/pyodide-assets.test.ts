/** Pyodide's loaders as edited to run in an isolate. */
import { describe, expect, it } from "vitest";
import { loadPyodideAssets } from "../../../grader/sandbox/python/pyodide-assets.ts";

describe("the edited Pyodide loaders", () => {
  it("compile no WebAssembly asynchronously while an interpreter is restored (such a promise can stay pending in an isolate)", () => {
    const { loaderScript } = loadPyodideAssets();
    // The interpreter's own instantiation goes through the guest's synchronous replacement of
    // WebAssembly.instantiate (guest-python.ts); the loader's helper module is compiled in place.
    expect(loaderScript).not.toMatch(/WebAssembly\.compile(Streaming)?\(/);
    expect(loaderScript.match(/WebAssembly\.instantiate\(/g)).toHaveLength(1);
    expect(loaderScript).toContain("new WebAssembly.Module(");
  });
});

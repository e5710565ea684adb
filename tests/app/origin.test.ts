/**
 * The same-origin check on writes: X-Forwarded-Host counts only when TRUST_PROXY says a proxy
 * writes it; otherwise a client could name the host its own Origin is compared with.
 */
import { describe, expect, it } from "vitest";

// The default setting, as on a fresh clone.
delete process.env.TRUST_PROXY;
const { parseEnv } = await import("../../config.ts");
const { assertSameOrigin } = await import("../../app/_server/origin.ts");
const { RequestError } = await import("../../app/_server/errors.ts");

function write(headers: Record<string, string>): Request {
  return new Request("http://epoch.test/api/items/x/draft", { method: "PUT", headers: { "content-type": "application/json", ...headers }, body: "{}" });
}

/** The status the check ends with: 200 when it lets the request through. */
function verdict(request: Request, trustProxy: boolean): number {
  try {
    assertSameOrigin(request, trustProxy);
    return 200;
  } catch (error) {
    if (error instanceof RequestError) return error.status;
    throw error;
  }
}

const forged = write({ host: "epoch.example.edu", origin: "https://evil.example", "x-forwarded-host": "evil.example" });

describe("TRUST_PROXY", () => {
  it("is off unless set, and accepts only yes/no values", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(() => parseEnv({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
  });
});

describe("the same-origin check", () => {
  it("without a trusted proxy, refuses an Origin that matches a forged X-Forwarded-Host but not Host", () => {
    expect(verdict(forged, false)).toBe(403);
  });

  it("behind a trusted proxy, compares the Origin with X-Forwarded-Host", () => {
    expect(verdict(forged, true)).toBe(200);
    // The proxy says the browser addressed another host than the one in the Origin.
    expect(verdict(write({ host: "evil.example", origin: "https://evil.example", "x-forwarded-host": "epoch.example.edu" }), true)).toBe(403);
    // A chain of proxies: the outermost one's value comes first.
    expect(verdict(write({ host: "10.0.0.5:3000", origin: "https://epoch.example.edu", "x-forwarded-host": "epoch.example.edu, 10.0.0.5" }), true)).toBe(200);
  });

  it("accepts a same-origin write and one without an Origin either way", () => {
    for (const trustProxy of [false, true]) {
      expect(verdict(write({ host: "localhost:3000", origin: "http://localhost:3000" }), trustProxy)).toBe(200);
      expect(verdict(write({ host: "localhost:3000" }), trustProxy)).toBe(200);
      expect(verdict(write({ host: "localhost:3000", origin: "http://other:3000" }), trustProxy)).toBe(403);
    }
  });

  it("reads the setting from the environment, where it is off by default", () => {
    expect(() => assertSameOrigin(forged)).toThrow("Cross-site requests are not accepted.");
  });
});

"use client";
/** A changed regrade entry's pictures: the visible tests whose outcome changes, as the new result draws them. */
import type { RegradeTestPicture } from "../../_server/staff/regrade-pictures.ts";
import { TestPicture } from "./test-picture.tsx";

const STATUS_WORDS: Record<string, string> = {
  passed: "passes",
  failed: "fails",
  runtime_error: "throws",
  timeout: "times out",
  memory_limit: "runs out of memory",
  invalid_output: "returns an invalid value",
  not_run: "does not run",
};

export function RegradePictures({ pictures }: { pictures: readonly RegradeTestPicture[] | undefined }) {
  if (!pictures || pictures.length === 0) return null;
  return (
    <details className="regrade-pictures" data-testid="regrade-pictures">
      <summary className="small">
        Pictures of {pictures.length} visible test{pictures.length === 1 ? "" : "s"}
      </summary>
      {pictures.map((p) => (
        <div key={p.testName} data-testid="regrade-picture" data-test-name={p.testName}>
          <div className="small">
            <strong>{p.testName}</strong>: {p.oldStatus === null ? "" : `${STATUS_WORDS[p.oldStatus] ?? p.oldStatus} before, `}
            {STATUS_WORDS[p.newStatus] ?? p.newStatus} now
          </div>
          <TestPicture picture={p.picture} />
        </div>
      ))}
    </details>
  );
}

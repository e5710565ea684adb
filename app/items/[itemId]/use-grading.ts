"use client";
import { useCallback, useState } from "react";
import { messageOf, sendJson } from "../../_components/send-json.ts";
import type { SubmissionView } from "../../_server/submissions.ts";
import type { DraftText } from "./use-draft.ts";

export type GradingKind = "run" | "submit";

interface SubmissionAnswer {
  submission: SubmissionView;
}

/** The first answer waits this long for the grade; later polls wait `POLL_WAIT_MS` each. */
const FIRST_WAIT_MS = 5000;
const POLL_WAIT_MS = 3000;
/** Failed polls in a row before the student is told the server is being waited for. */
const QUIET_FAILURES = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface GradingHandlers {
  readonly itemId: string;
  /** Called once the code is accepted for sending (it fits the size limit). */
  readonly onStart: () => void;
  /** Called when a Submit is stored and again when it is graded. */
  readonly onSubmitStored: () => void;
  readonly onSubmitGraded: () => void;
}

/**
 * Run and Submit: sends the code, then asks for the result until it is graded. The server
 * holds each request open until the grade arrives or the wait ends, so this is long polling.
 */
export function useGrading({ itemId, onStart, onSubmitStored, onSubmitGraded }: GradingHandlers) {
  const [active, setActive] = useState<SubmissionView | null>(null);
  const [busy, setBusy] = useState<GradingKind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const grade = useCallback(
    async (kind: GradingKind, { code, language }: DraftText) => {
      if (busy) return;
      setBusy(kind);
      setProblem(null);
      onStart();
      try {
        let { submission } = await sendJson<SubmissionAnswer>(`/api/submissions?wait=${FIRST_WAIT_MS}`, "POST", { itemId, kind, language, code });
        setActive(submission);
        if (kind === "submit") onSubmitStored();
        let failures = 0;
        while (submission.status !== "graded") {
          try {
            submission = (await sendJson<SubmissionAnswer>(`/api/submissions/${submission.id}?wait=${POLL_WAIT_MS}`, "GET")).submission;
          } catch {
            // The submission is stored: a server restart or a dropped connection only delays the result.
            failures++;
            setProblem(failures > QUIET_FAILURES ? "Waiting for the server… your submission is saved and will be graded." : null);
            await sleep(Math.min(5000, 500 * 2 ** failures));
            continue;
          }
          failures = 0;
          setProblem(null);
          setActive(submission);
        }
        if (kind === "submit") onSubmitGraded();
      } catch (error) {
        setProblem(messageOf(error));
      } finally {
        setBusy(null);
      }
    },
    [busy, itemId, onStart, onSubmitStored, onSubmitGraded],
  );

  return { active, busy, problem, setProblem, grade };
}

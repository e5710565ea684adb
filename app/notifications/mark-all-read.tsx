"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf, sendJson } from "../_components/send-json.ts";

export function MarkAllRead() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="mark-all-read"
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            await sendJson("/api/notifications/read", "POST", { all: true });
            router.refresh();
          } catch (error) {
            setProblem(messageOf(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        Mark all read
      </button>
      {problem ? (
        <span className="notice error" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  );
}

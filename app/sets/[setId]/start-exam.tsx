"use client";
import { useRouter } from "next/navigation";
import { sendJson } from "../../_components/send-json.ts";
import { ActionError, useAction } from "../../_components/use-action.tsx";

export function StartExamButton({ setId, minutes }: { setId: string; minutes: number }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const start = async () => {
    if (!window.confirm(`Start now? You will have ${minutes} minutes, and the clock cannot be paused.`)) return;
    await run(async () => {
      await sendJson(`/api/sets/${setId}/start`, "POST");
      router.refresh();
    });
  };
  return (
    <div>
      <button type="button" className="button primary" onClick={() => void start()} disabled={busy} data-testid="start-exam">
        {busy ? "Starting…" : `Start (${minutes} minutes)`}
      </button>
      <ActionError message={error} />
    </div>
  );
}

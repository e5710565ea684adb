"use client";
import { useRouter } from "next/navigation";
import { sendJson } from "../_components/send-json.ts";
import { ActionError, useAction } from "../_components/use-action.tsx";

export function MarkAllRead() {
  const router = useRouter();
  const { busy, error: problem, run } = useAction();
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="mark-all-read"
        onClick={() =>
          void run(async () => {
            await sendJson("/api/notifications/read", "POST", { all: true });
            router.refresh();
          })
        }
      >
        Mark all read
      </button>
      <ActionError message={problem} inline />
    </>
  );
}

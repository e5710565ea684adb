"use client";
import { useCallback, useState } from "react";
import { sendJson } from "../../_components/send-json.ts";
import type { HistoryEntry } from "../../_server/submissions.ts";

/** The viewer's Submit presses for the item, refreshed after each new one. */
export function useSubmissionHistory(itemId: string, initial: readonly HistoryEntry[]) {
  const [history, setHistory] = useState(initial);
  const refresh = useCallback(async () => {
    try {
      setHistory((await sendJson<{ history: HistoryEntry[] }>(`/api/items/${itemId}/submissions`, "GET")).history);
    } catch {
      // The list shown stays as it was; the next Submit refreshes it again.
    }
  }, [itemId]);
  return { history, refresh };
}

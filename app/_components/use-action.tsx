"use client";
import { useCallback, useState } from "react";
import { messageOf } from "./send-json.ts";

/**
 * State for a button or form that calls the server: busy while it runs, and the error's message
 * (from the server's `{ error: { message } }`) when it fails.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Resolves true on success. `keepBusy` leaves the control disabled, for actions that navigate away. */
  const run = useCallback(async (action: () => Promise<void>, options: { keepBusy?: boolean } = {}): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!options.keepBusy) setBusy(false);
      return true;
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
      return false;
    }
  }, []);
  return { busy, error, setError, run };
}

/** The message of a failed action, announced to screen readers; `inline` beside a control rather than below it. */
export function ActionError({ message, inline = false }: { message: string | null; inline?: boolean }) {
  if (!message) return null;
  return inline ? (
    <span className="notice error" role="alert">
      {message}
    </span>
  ) : (
    <p className="notice error" role="alert">
      {message}
    </p>
  );
}

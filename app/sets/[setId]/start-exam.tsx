"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function StartExamButton({ setId, minutes }: { setId: string; minutes: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    if (!window.confirm(`Start now? You will have ${minutes} minutes, and the clock cannot be paused.`)) return;
    setPending(true);
    setError(null);
    const response = await fetch(`/api/sets/${setId}/start`, { method: "POST" });
    setPending(false);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      setError(body.error?.message ?? `The server answered ${response.status}.`);
      return;
    }
    router.refresh();
  };
  return (
    <div>
      <button type="button" className="button primary" onClick={() => void start()} disabled={pending} data-testid="start-exam">
        {pending ? "Starting…" : `Start (${minutes} minutes)`}
      </button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useSyncExternalStore } from "react";

/** The warnings, in minutes left, each shown from that minute on. */
const WARNINGS_MINUTES = [1, 5] as const;

function subscribeToSeconds(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
}
// The server cannot know when the browser will show its HTML: it renders no time at all, and
// hydration reads the same, so server and browser HTML never disagree over a second.
const nothingOnServer = () => null;

function format(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function warningFor(leftMs: number): string | null {
  if (leftMs <= 0) return null;
  const minutes = WARNINGS_MINUTES.find((m) => leftMs <= m * 60_000);
  if (minutes === undefined) return null;
  return minutes === 1 ? "1 minute left: submit what you have now." : `${minutes} minutes left: submit your best version soon.`;
}

/**
 * The time left on a timed set, with a warning from 5 and from 1 minute before the end. Display
 * only: the server refuses submissions after endsAt whatever this shows. At zero the page reloads
 * to show the closed state. `sticky` keeps it in view at the top of the window while the page scrolls.
 */
export function ExamClock({ endsAt, sticky = false }: { endsAt: string; sticky?: boolean }) {
  const router = useRouter();
  // Whole seconds left (rounded up), a value that stays the same between ticks.
  const secondsLeft = useSyncExternalStore(
    subscribeToSeconds,
    useCallback(() => Math.max(0, Math.ceil((new Date(endsAt).getTime() - Date.now()) / 1000)), [endsAt]),
    nothingOnServer,
  );
  const left = secondsLeft === null ? null : secondsLeft * 1000;
  const over = left === 0;
  useEffect(() => {
    if (over) router.refresh();
  }, [over, router]);
  const urgent = left !== null && left < 5 * 60_000;
  const warning = left === null ? null : warningFor(left);
  const clock = (
    <span className={`badge ${urgent ? "fail" : "info"}`} role="timer" aria-live="off" data-testid="exam-clock" style={{ fontSize: "0.95rem" }}>
      Time left {left === null ? "…" : format(left)}
    </span>
  );
  if (!sticky) return clock;
  return (
    <div className="exam-clock-bar" data-testid="exam-clock-bar">
      {clock}
      {/* Its own live region: announced once as each warning appears, not every second. */}
      <span role="alert" className={warning ? "exam-warning" : undefined} data-testid="exam-warning">
        {warning}
      </span>
    </div>
  );
}

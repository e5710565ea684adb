"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

function remaining(endsAt: string): number {
  return Math.max(0, new Date(endsAt).getTime() - Date.now());
}

function format(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The time left on a timed set. Display only: the server refuses submissions after endsAt
 * whatever this shows. When it reaches zero, the page reloads to show the closed state.
 */
export function ExamClock({ endsAt }: { endsAt: string }) {
  const router = useRouter();
  const [left, setLeft] = useState(() => remaining(endsAt));
  useEffect(() => {
    const timer = setInterval(() => {
      const now = remaining(endsAt);
      setLeft(now);
      if (now === 0) {
        clearInterval(timer);
        router.refresh();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [endsAt, router]);
  const urgent = left < 5 * 60_000;
  return (
    <span className={`badge ${urgent ? "fail" : "info"}`} role="timer" aria-live={urgent ? "assertive" : "off"} data-testid="exam-clock" style={{ fontSize: "0.95rem" }}>
      Time left {format(left)}
    </span>
  );
}

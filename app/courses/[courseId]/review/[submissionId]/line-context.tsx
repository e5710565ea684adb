"use client";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * Links the read-only code and the comment form: clicking a line of the code prefills the
 * comment's line, and clicking a comment's "line N" shows that line in the code.
 */
interface LineSelection {
  /** The line picked in the code, for the next comment. */
  readonly picked: number | null;
  readonly pick: (line: number | null) => void;
  /** A new object each time a line should be revealed (so the same line can be shown twice). */
  readonly reveal: { line: number; column: number } | null;
  readonly show: (line: number) => void;
}

const LineContext = createContext<LineSelection>({ picked: null, pick: () => {}, reveal: null, show: () => {} });

export function LineSelectionProvider({ children }: { children: ReactNode }) {
  const [picked, pick] = useState<number | null>(null);
  const [reveal, setReveal] = useState<{ line: number; column: number } | null>(null);
  const value = useMemo(() => ({ picked, pick, reveal, show: (line: number) => setReveal({ line, column: 1 }) }), [picked, reveal]);
  return <LineContext value={value}>{children}</LineContext>;
}

export function useLineSelection(): LineSelection {
  return useContext(LineContext);
}

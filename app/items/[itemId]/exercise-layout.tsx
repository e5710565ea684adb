"use client";
import { useState, type ReactNode } from "react";

type Pane = "statement" | "editor";

/**
 * The statement beside the workspace; on a phone-width screen one of them at a time, switched by
 * two buttons at the top, so the editor is one tap away instead of below the whole statement.
 * Its children are the statement (class "statement") and then the workspace.
 */
export function ExerciseLayout({ children }: { children: ReactNode }) {
  const [pane, setPane] = useState<Pane>("statement");
  const choice = (value: Pane, label: string) => (
    <button type="button" className={`button ${pane === value ? "primary" : ""}`} aria-pressed={pane === value} onClick={() => setPane(value)} data-testid={`show-${value}`}>
      {label}
    </button>
  );
  return (
    <div className="exercise-layout" data-pane={pane}>
      <div className="pane-switch" role="group" aria-label="Show">
        {choice("statement", "Statement")}
        {choice("editor", "Editor")}
      </div>
      {children}
    </div>
  );
}

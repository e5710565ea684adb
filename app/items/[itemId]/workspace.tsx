"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { messageOf, sendJson } from "../../_components/send-json.ts";
import type { DraftView } from "../../_server/drafts.ts";
import type { ExercisePage } from "../../_server/exercise-page.ts";
import type { HistoryEntry, SubmissionView } from "../../_server/submissions.ts";
import { markersFor } from "./editor-markers.ts";
import { CountedScoreBar, type ScoringPolicy } from "./feedback.tsx";
import { GradingResults, GradingStatus } from "./grading-results.tsx";
import { LazyCodeEditor } from "./lazy-code-editor.tsx";
import { SubmissionHistory } from "./submission-history.tsx";
import { useDraft, type Language } from "./use-draft.ts";
import { useGrading, type GradingKind } from "./use-grading.ts";
import { useSubmissionHistory } from "./use-submission-history.ts";
import { ViewedSubmission } from "./viewed-submission.tsx";
import { WorkspaceToolbar } from "./workspace-toolbar.tsx";
import { AttemptsLeft, attemptsLeft, noAttemptsReason } from "./attempts-left.tsx";
import { useChosenLanguage } from "./chosen-language.tsx";
import "./feedback.css";

export interface WorkspaceProps {
  readonly itemId: string;
  readonly exerciseId: string;
  /** Each language's starter and signature (TypeScript declarations, or Python stubs). */
  readonly starters: Readonly<Record<Language, string>>;
  readonly signatures: Readonly<Record<Language, string>>;
  /** The viewer's drafts, one per language, most recently saved first. */
  readonly initialDrafts: readonly DraftView[];
  readonly initialLanguage: Language;
  /** The languages the set accepts. */
  readonly languages: readonly Language[];
  readonly initialHistory: readonly HistoryEntry[];
  readonly pastDue: boolean;
  /** Staff trying the exercise: no score of their own counts. */
  readonly staff?: boolean;
  /** The score that counts for the item; null before anything is graded or while results are withheld. */
  readonly counted?: ExercisePage["counted"];
  /** Staff comments on the viewer's submissions of this item, newest first. */
  readonly comments?: ExercisePage["comments"];
  readonly policy?: ScoringPolicy;
  readonly itemPoints?: number;
  /** The set's limit on Submits (null: none), and how many the viewer had used when the page was rendered. */
  readonly maxAttempts?: number | null;
  readonly attemptsUsed?: number;
  /** A submission to open at once, and a line of it to mark (the page was opened from a notification). */
  readonly openOnLoad?: { readonly submissionId: string; readonly line: number | null } | null;
}

/** The exercise page's working area: the editor with its draft, Run and Submit, results and history. */
export function Workspace(props: WorkspaceProps) {
  const { itemId } = props;
  const router = useRouter();
  const draft = useDraft(itemId, props.starters, props.initialDrafts, props.initialLanguage);
  // The statement column shows the signature of the language chosen here.
  const { choose: showLanguage } = useChosenLanguage(draft.language);
  useEffect(() => showLanguage(draft.language), [showLanguage, draft.language]);
  const { history, refresh: refreshHistory } = useSubmissionHistory(itemId, props.initialHistory);
  const [viewing, setViewing] = useState<SubmissionView | null>(null);
  // A new key remounts the editor, so text put in from outside replaces its model's content.
  const [editorKey, setEditorKey] = useState(0);
  const [cursor, setCursor] = useState<{ line: number; column: number } | null>(null);

  const { save: saveDraft } = draft;
  const onStart = useCallback(() => {
    setViewing(null);
    void saveDraft();
  }, [saveDraft]);
  const onSubmitStored = useCallback(() => void refreshHistory(), [refreshHistory]);
  const onSubmitGraded = useCallback(() => {
    void refreshHistory();
    // The score that counts and the comments come with the page's server data.
    router.refresh();
  }, [refreshHistory, router]);
  const grading = useGrading({ itemId, onStart, onSubmitStored, onSubmitGraded });

  const { grade } = grading;
  const { current } = draft;
  const gradeNow = useCallback((kind: GradingKind) => void grade(kind, current()), [grade, current]);

  const { setProblem } = grading;
  const openSubmission = useCallback(
    async (id: string) => {
      try {
        setViewing((await sendJson<{ submission: SubmissionView }>(`/api/submissions/${id}`, "GET")).submission);
      } catch (error) {
        setProblem(messageOf(error));
      }
    },
    [setProblem],
  );

  const { openOnLoad } = props;
  // By value: a refreshed page passes an equal object, which must not reopen the submission.
  const openId = openOnLoad?.submissionId ?? null;
  const openLine = openOnLoad?.line ?? null;
  useEffect(() => {
    if (!openId) return;
    let current = true;
    sendJson<{ submission: SubmissionView }>(`/api/submissions/${openId}`, "GET").then(
      (answer) => current && setViewing(answer.submission),
      (error: unknown) => current && setProblem(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [openId, setProblem]);

  const { replace } = draft;
  const replaceCode = useCallback(
    (text: string, language: Language) => {
      replace(text, language);
      setEditorKey((k) => k + 1);
      setViewing(null);
    },
    [replace],
  );

  const { active, problem } = grading;
  // A result's lines belong to the code of its language; another language's editor shows none.
  const markers = useMemo(() => markersFor(active && active.language === draft.language ? active : null), [active, draft.language]);
  const shown = viewing ?? active;
  // The history lists every Submit and is refreshed as soon as one is stored.
  const left = props.staff ? null : attemptsLeft(props.maxAttempts, Math.max(props.attemptsUsed ?? 0, history.length));
  const submitRefusal = left === 0 && props.maxAttempts ? noAttemptsReason(props.maxAttempts) : null;

  return (
    <div>
      {props.staff || !props.policy || props.itemPoints === undefined ? null : (
        <CountedScoreBar counted={props.counted ?? null} policy={props.policy} maxPoints={props.itemPoints} pastDue={props.pastDue} />
      )}
      <div className="card" style={{ padding: "0.6rem 0.75rem" }}>
        <WorkspaceToolbar
          busy={grading.busy}
          language={draft.language}
          languages={props.languages}
          saveState={draft.saveState}
          saveError={draft.saveError}
          onGrade={gradeNow}
          onLanguage={draft.setLanguage}
          onResetToStarter={() => replaceCode(props.starters[draft.language], draft.language)}
          submitRefusal={submitRefusal}
        />
        {left !== null && props.maxAttempts ? <AttemptsLeft maxAttempts={props.maxAttempts} left={left} /> : null}
        {props.pastDue ? <p className="notice warn small">Past the due date: a submission now is marked late.</p> : null}
        <div className="editor-frame">
          <LazyCodeEditor
            key={editorKey}
            value={draft.code}
            onChange={draft.edit}
            language={draft.language}
            signature={props.signatures[draft.language]}
            modelKey={`item-${itemId}`}
            markers={markers}
            onRun={() => gradeNow("run")}
            onSubmit={() => (submitRefusal ? setProblem(submitRefusal) : gradeNow("submit"))}
            height={460}
            ariaLabel="Your solution"
            {...(cursor ? { reveal: cursor } : {})}
          />
        </div>
        <p className="muted small" style={{ margin: "0.4rem 0 0" }}>
          Ctrl/Cmd+Enter runs the visible tests; Ctrl/Cmd+Shift+Enter submits; Ctrl+M makes Tab move the focus out of the editor. Drafts save as you type.
        </p>
      </div>

      {problem ? (
        <p className="notice error" role="alert" data-testid="problem">
          {problem}
        </p>
      ) : null}

      {active && active.status !== "graded" && !viewing ? <GradingStatus submission={active} /> : null}

      {viewing ? (
        <ViewedSubmission
          submission={viewing}
          signature={props.signatures[viewing.language]}
          onUseCode={() => replaceCode(viewing.code, viewing.language)}
          onClose={() => setViewing(null)}
          highlightLine={viewing.id === openId ? openLine : null}
        />
      ) : null}

      {shown ? <GradingResults submission={shown} dueAt={props.policy?.dueAt} onLocate={viewing ? undefined : (line, column) => setCursor({ line, column })} /> : null}

      <SubmissionHistory history={history} countedSubmissionId={props.counted?.submissionId} comments={props.comments} onOpen={(id) => void openSubmission(id)} />
    </div>
  );
}

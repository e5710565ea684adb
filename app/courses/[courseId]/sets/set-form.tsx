"use client";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import { ActionError } from "../../../_components/use-action.tsx";
import { useHydrated } from "../../../_components/use-hydrated.ts";
import { LANGUAGE_LABELS, LANGUAGES, type Language } from "../../../../exercises/spec/languages.ts";
import { FEEDBACK_LABELS, type Feedback, type LateWork, type ScorePolicy, type SetKind } from "../../../_server/policies.ts";

/** A set's settings as the form starts with them (dates as ISO strings; null on a new set). */
export interface SetFormInitial {
  readonly title: string;
  readonly description: string;
  readonly kind: SetKind;
  readonly opensAt: string | null;
  readonly dueAt: string | null;
  readonly published: boolean;
  readonly scorePolicy: ScorePolicy;
  readonly maxAttempts: number | null;
  readonly lateWork: LateWork;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
  readonly timeLimitMinutes: number | null;
  readonly feedback: Feedback;
  readonly languages: readonly Language[];
  /** In the course total: "auto" (published, open, weekly), "yes" or "no"; "auto" on a new set. */
  readonly inTotal?: "auto" | "yes" | "no";
  readonly totalWeight?: number;
}

const FEEDBACK_ORDER: readonly Feedback[] = ["full", "counts", "after_close"];

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DDTHH:mm" in the browser's zone, as a datetime-local input wants it. */
function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value read in the browser's zone, as an ISO instant; null when blank or invalid. */
function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Defaults for a new set: opens at the next full hour, due a week later at 23:59. */
function newSetDates(): { opensAt: string; dueAt: string } {
  const opens = new Date();
  opens.setMinutes(0, 0, 0);
  opens.setHours(opens.getHours() + 1);
  const due = new Date(opens);
  due.setDate(due.getDate() + 7);
  due.setHours(23, 59, 0, 0);
  return { opensAt: toLocalInput(opens), dueAt: toLocalInput(due) };
}

/** A whole number from an input, null when blank; NaN when it is not one. */
function optionalInteger(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : Number.NaN;
}

/**
 * The settings of a problem set: creates it (then opens its edit page) or saves changes to it.
 * Publishing is a separate action so that saving settings never publishes by accident.
 */
export function SetForm({ courseId, setId, initial }: { courseId: string; setId?: string; initial: SetFormInitial }) {
  const router = useRouter();
  const id = useId();
  const editing = setId !== undefined;
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [kind, setKind] = useState<SetKind>(initial.kind);
  // The dates are filled after hydration: the server cannot know the browser's time zone.
  const hydrated = useHydrated();
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;
  const startingDates = useMemo(() => {
    if (!hydrated) return null;
    if (initial.opensAt && initial.dueAt) return { opensAt: toLocalInput(new Date(initial.opensAt)), dueAt: toLocalInput(new Date(initial.dueAt)) };
    return newSetDates();
  }, [hydrated, initial.opensAt, initial.dueAt]);
  // Null until the field is edited.
  const [editedOpensAt, setOpensAt] = useState<string | null>(null);
  const [editedDueAt, setDueAt] = useState<string | null>(null);
  const opensAt = editedOpensAt ?? startingDates?.opensAt ?? "";
  const dueAt = editedDueAt ?? startingDates?.dueAt ?? "";
  const [scorePolicy, setScorePolicy] = useState<ScorePolicy>(initial.scorePolicy);
  const [maxAttempts, setMaxAttempts] = useState(initial.maxAttempts === null ? "" : String(initial.maxAttempts));
  const [lateWork, setLateWork] = useState<LateWork>(initial.lateWork);
  const [perDay, setPerDay] = useState(String(initial.latePenaltyPerDay));
  const [cap, setCap] = useState(String(initial.latePenaltyCap));
  const [timeLimit, setTimeLimit] = useState(initial.timeLimitMinutes === null ? "" : String(initial.timeLimitMinutes));
  const [feedback, setFeedback] = useState<Feedback>(initial.feedback);
  const [languages, setLanguages] = useState<readonly Language[]>(initial.languages);
  const [inTotal, setInTotal] = useState<"auto" | "yes" | "no">(initial.inTotal ?? "auto");
  const [weight, setWeight] = useState(String(initial.totalWeight ?? 1));
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  /** The fields to send, or a message saying what to fix. */
  function collect(): { fields: Record<string, unknown> } | { problem: string } {
    if (title.trim() === "") return { problem: "Give the set a title." };
    const opens = fromLocalInput(opensAt);
    const due = fromLocalInput(dueAt);
    if (!opens || !due) return { problem: "Choose when the set opens and when it is due." };
    if (new Date(due) <= new Date(opens)) return { problem: "The due date must be after the opening date." };
    const attempts = optionalInteger(maxAttempts);
    if (Number.isNaN(attempts) || (attempts !== null && (attempts < 1 || attempts > 1000)))
      return { problem: "The attempt limit must be a whole number from 1 to 1000, or blank for unlimited." };
    const penalty = Number(perDay);
    const penaltyCap = Number(cap);
    if (lateWork === "penalty" && (perDay.trim() === "" || !(penalty >= 0 && penalty <= 100) || cap.trim() === "" || !(penaltyCap >= 0 && penaltyCap <= 100))) {
      return { problem: "The late penalty and its cap are percentages from 0 to 100." };
    }
    const minutes = kind === "exam_practice" ? optionalInteger(timeLimit) : null;
    if (Number.isNaN(minutes) || (minutes !== null && (minutes < 1 || minutes > 24 * 60)))
      return { problem: "The time limit is a whole number of minutes from 1 to 1440, or blank for no limit." };
    if (languages.length === 0) return { problem: "Allow at least one language." };
    const totalWeight = Number(weight);
    if (weight.trim() === "" || !(totalWeight >= 0 && totalWeight <= 100))
      return { problem: "The weight in the course total is a number from 0 to 100 (1 counts the set's points as they are)." };
    return {
      fields: {
        title: title.trim(),
        description,
        kind,
        opensAt: opens,
        dueAt: due,
        scorePolicy,
        maxAttempts: attempts,
        lateWork,
        ...(lateWork === "penalty" ? { latePenaltyPerDay: penalty, latePenaltyCap: penaltyCap } : {}),
        timeLimitMinutes: minutes,
        // Weekly sets always show full feedback; the policy is an exam-practice setting.
        feedback: kind === "exam_practice" ? feedback : "full",
        languages,
        inTotal,
        totalWeight,
      },
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    const collected = collect();
    if ("problem" in collected) {
      setError(collected.problem);
      return;
    }
    setBusy("save");
    try {
      if (editing) {
        await sendJson(`/api/sets/${setId}`, "PATCH", collected.fields);
        setSaved("Settings saved.");
        router.refresh();
      } else {
        const { set } = await sendJson<{ set: { id: string } }>(`/api/courses/${courseId}/sets`, "POST", collected.fields);
        router.push(`/courses/${courseId}/sets/${set.id}/edit`);
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function togglePublished() {
    if (!editing) return;
    setError(null);
    setSaved(null);
    setBusy("publish");
    try {
      await sendJson(`/api/sets/${setId}`, "PATCH", { published: !initial.published });
      setSaved(initial.published ? "The set is unpublished: students no longer see it." : "The set is published: students see it from its opening date.");
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="card set-form" data-testid="set-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="set-form-head">
        <h2>Settings</h2>
        {editing ? (
          <span className="set-form-publish">
            {initial.published ? <span className="badge pass">Published</span> : <span className="badge warn">Unpublished</span>}
            <button type="button" className="button" onClick={() => void togglePublished()} disabled={busy !== null} data-testid="toggle-published">
              {busy === "publish" ? <span className="spinner" aria-hidden /> : null}
              {initial.published ? "Unpublish" : "Publish"}
            </button>
          </span>
        ) : (
          <span className="muted small">New sets start unpublished: students see nothing until you publish.</span>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>
          Description <span className="muted small">(optional, shown to students)</span>
        </label>
        <textarea id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} rows={3} />
      </div>

      <fieldset className="set-form-group">
        <legend>Kind</legend>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} value="weekly" checked={kind === "weekly"} onChange={() => setKind("weekly")} /> Weekly problem set
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-kind`} value="exam_practice" checked={kind === "exam_practice"} onChange={() => setKind("exam_practice")} /> Exam practice
        </label>
      </fieldset>

      <div className="grid-2 set-form-dates">
        <div className="field">
          <label htmlFor={`${id}-opens`}>Opens at</label>
          <input id={`${id}-opens`} type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due at</label>
          <input id={`${id}-due`} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} required />
        </div>
      </div>
      <p className="muted small set-form-zone">{zone ? `Times are in your time zone (${zone}).` : "Times are in your time zone."}</p>

      <fieldset className="set-form-group" data-testid="set-languages">
        <legend>Languages</legend>
        {LANGUAGES.map((language) => (
          <label key={language} className="choice">
            <input
              type="checkbox"
              name={`${id}-languages`}
              value={language}
              checked={languages.includes(language)}
              onChange={(e) => setLanguages(LANGUAGES.filter((l) => (l === language ? e.target.checked : languages.includes(l))))}
            />{" "}
            {LANGUAGE_LABELS[language]}
          </label>
        ))}
        <span className="muted small">Students may submit solutions in the languages ticked here; at least one.</span>
      </fieldset>

      <fieldset className="set-form-group" data-testid="set-in-total">
        <legend>Gradebook total</legend>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={`${id}-in-total`}>Counts in the course total</label>
            <select id={`${id}-in-total`} value={inTotal} onChange={(e) => setInTotal(e.target.value === "yes" ? "yes" : e.target.value === "no" ? "no" : "auto")}>
              <option value="auto">When published and open (never for exam practice)</option>
              <option value="yes">Always</option>
              <option value="no">Never (excluded from the total)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-weight`}>Weight</label>
            <input id={`${id}-weight`} type="number" min={0} max={100} step="any" value={weight} onChange={(e) => setWeight(e.target.value)} />
          </div>
        </div>
        <span className="muted small">The weight multiplies the set&apos;s points in the course total: 1 counts them as they are, 2 doubles them.</span>
      </fieldset>

      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-score`}>Score that counts</label>
          <select id={`${id}-score`} value={scorePolicy} onChange={(e) => setScorePolicy(e.target.value === "last" ? "last" : "best")}>
            <option value="best">Best submission</option>
            <option value="last">Last submission</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-attempts`}>Attempt limit per exercise</label>
          <input
            id={`${id}-attempts`}
            type="number"
            min={1}
            max={1000}
            step={1}
            inputMode="numeric"
            placeholder="Unlimited"
            value={maxAttempts}
            onChange={(e) => setMaxAttempts(e.target.value)}
            aria-describedby={`${id}-attempts-hint`}
          />
          <span id={`${id}-attempts-hint`} className="muted small">
            Leave blank for unlimited submissions.
          </span>
        </div>
      </div>

      <fieldset className="set-form-group">
        <legend>Late work</legend>
        <label className="choice">
          <input type="radio" name={`${id}-late`} value="refuse" checked={lateWork === "refuse"} onChange={() => setLateWork("refuse")} /> No late work: submissions close at the
          due date
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-late`} value="penalty" checked={lateWork === "penalty"} onChange={() => setLateWork("penalty")} /> Accept late work with a penalty
        </label>
        {lateWork === "penalty" ? (
          <div className="set-form-inline">
            <div className="field">
              <label htmlFor={`${id}-per-day`}>Penalty per started day (%)</label>
              <input id={`${id}-per-day`} type="number" min={0} max={100} step="any" value={perDay} onChange={(e) => setPerDay(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-cap`}>Penalty cap (%)</label>
              <input id={`${id}-cap`} type="number" min={0} max={100} step="any" value={cap} onChange={(e) => setCap(e.target.value)} />
            </div>
          </div>
        ) : null}
      </fieldset>

      {kind === "exam_practice" ? (
        <fieldset className="set-form-group" data-testid="exam-settings">
          <legend>Exam practice</legend>
          <div className="grid-2">
            <div className="field">
              <label htmlFor={`${id}-time`}>Time limit (minutes)</label>
              <input
                id={`${id}-time`}
                type="number"
                min={1}
                max={1440}
                step={1}
                inputMode="numeric"
                placeholder="No limit"
                value={timeLimit}
                onChange={(e) => setTimeLimit(e.target.value)}
                aria-describedby={`${id}-time-hint`}
              />
              <span id={`${id}-time-hint`} className="muted small">
                The clock starts when a student starts the set; blank for no limit.
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-feedback`}>Feedback while the set is open</label>
              <select id={`${id}-feedback`} value={feedback} onChange={(e) => setFeedback(FEEDBACK_ORDER.find((f) => f === e.target.value) ?? "full")}>
                {FEEDBACK_ORDER.map((policy) => (
                  <option key={policy} value={policy}>
                    {FEEDBACK_LABELS[policy]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      ) : null}

      <ActionError message={error} />
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <div className="set-form-actions">
        <button type="submit" className="button primary" disabled={busy !== null || !opensAt}>
          {busy === "save" ? <span className="spinner" aria-hidden /> : null}
          {editing ? "Save settings" : "Create problem set"}
        </button>
      </div>
    </form>
  );
}

import type { TermsNotice } from "../_server/extensions/terms.ts";
import { LocalTime } from "./local-time.tsx";

/**
 * A student's own terms on a set, where staff gave them an extension or an accommodation: what
 * differs from the set's, beside the set's own. The reason staff recorded stays with staff.
 */
export function YourTerms({ notice }: { notice: TermsNotice | null }) {
  if (!notice) return null;
  return (
    <div className="notice" data-testid="your-terms">
      <strong>Your own terms on this set</strong>
      <ul className="small" style={{ margin: "0.25rem 0 0" }}>
        {notice.dueAt ? (
          <li data-testid="your-due">
            Due for you: <LocalTime iso={notice.dueAt} relative /> (the set&apos;s due date: <LocalTime iso={notice.setDueAt} />
            ).
          </li>
        ) : null}
        {notice.maxAttempts !== null ? (
          <li data-testid="your-attempts">
            Your attempts: {notice.maxAttempts} per exercise (the set allows {notice.setMaxAttempts}).
          </li>
        ) : null}
        {notice.examMinutes !== null ? (
          <li data-testid="your-exam-time">
            Your exam time: {notice.examMinutes} min (the set&apos;s: {notice.setExamMinutes} min).
          </li>
        ) : null}
      </ul>
    </div>
  );
}

import { ItemBreadcrumbs } from "../item-breadcrumbs.tsx";
import { ExamClock } from "../../../_components/exam-clock.tsx";
import { LocalTime } from "../../../_components/local-time.tsx";
import { Markdown } from "../../../_components/markdown.tsx";
import type { CalculationPage } from "../../../_server/calculation-page.ts";
import { isStaff } from "../../../_server/roles.ts";
import { CountedScoreBar } from "../feedback.tsx";
import { AnswerForm } from "./answer-form.tsx";
import { YourTerms } from "../../../_components/your-terms.tsx";
import "../feedback.css";
import "./calculation.css";

/** A calculation's page: the statement with the student's own values, and the answer form in place of the editor. */
export function CalculationExercise({ page }: { page: CalculationPage }) {
  const { course, set, item, calculation, neighbours } = page;
  const staff = isStaff(page.role);
  const attemptsLeft = set.maxAttempts === null ? null : Math.max(0, set.maxAttempts - page.attemptsUsed);
  const closed = !staff && (page.exam.kind === "finished" || (page.pastDue && set.lateWork === "refuse") || attemptsLeft === 0);
  return (
    <>
      <ItemBreadcrumbs course={course} set={set} title={calculation.title} neighbours={neighbours} />
      {page.exam.kind === "running" ? <ExamClock endsAt={page.exam.endsAt} sticky /> : null}
      <div className="exercise-layout">
        <article className="card statement" aria-label="Statement" data-testid="statement">
          <p className="muted small" style={{ marginTop: 0 }}>
            {item.points} points · due <LocalTime iso={set.dueAt} relative /> · {calculation.difficulty} · {calculation.topics.join(", ")} · answered with numbers
          </p>
          <YourTerms notice={page.yourTerms} />
          {page.exam.kind === "finished" && !staff ? <p className="notice warn">Your time for this set is up: new submissions are refused.</p> : null}
          {page.pastDue ? (
            <p className="notice warn">
              {set.lateWork === "refuse" ? "The due date has passed: this set no longer accepts submissions." : "The due date has passed: submissions now are marked late."}
            </p>
          ) : null}
          <Markdown source={calculation.statement} />
          {attemptsLeft !== null && !staff ? (
            <p className="muted small" data-testid="attempts-left">
              {attemptsLeft} of {set.maxAttempts} attempts left.
            </p>
          ) : null}
        </article>
        <div>
          {staff ? null : (
            <CountedScoreBar
              counted={page.counted}
              policy={{
                scorePolicy: set.scorePolicy,
                lateWork: set.lateWork,
                latePenaltyPerDay: set.latePenaltyPerDay,
                latePenaltyCap: set.latePenaltyCap,
                feedback: set.feedback,
                dueAt: set.dueAt,
              }}
              maxPoints={item.points}
              pastDue={page.pastDue}
            />
          )}
          <AnswerForm
            itemId={item.id}
            parts={page.parts.map((part, index) => ({
              id: part.id,
              label: <Markdown source={part.label} />,
              plainLabel: `Part ${index + 1}`,
              answer: part.answer,
              ...(part.answer.kind === "choice" ? { options: part.answer.options.map((option, i) => <Markdown key={i} source={option} />) } : {}),
              points: part.points,
              tolerance: part.tolerance,
            }))}
            lastAnswers={page.lastAnswers}
            history={page.history}
            countedSubmissionId={page.counted?.submissionId}
            pastDue={page.pastDue}
            closed={closed}
            dueAt={set.dueAt}
          />
        </div>
      </div>
    </>
  );
}

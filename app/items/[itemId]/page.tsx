import type { Metadata } from "next";
import { ItemBreadcrumbs } from "./item-breadcrumbs.tsx";
import { LocalTime } from "../../_components/local-time.tsx";
import { redirect } from "next/navigation";
import { ExamClock } from "../../_components/exam-clock.tsx";
import { Markdown } from "../../_components/markdown.tsx";
import { exercisePage } from "../../_server/exercise-page.ts";
import { orNotFound } from "../../_server/page-errors.ts";
import { isStaff } from "../../_server/roles.ts";
import { requirePageViewer } from "../../_server/viewer.ts";
import { ChosenLanguageProvider, LanguageSignature, VisibleTests } from "./chosen-language.tsx";
import { StatementInChosenLanguage } from "./statement-language.tsx";
import { ExerciseLayout } from "./exercise-layout.tsx";
import { Workspace } from "./workspace.tsx";
import { calculationPage } from "../../_server/calculation-page.ts";
import { CalculationExercise } from "./calculation/calculation-exercise.tsx";
import { YourTerms } from "../../_components/your-terms.tsx";
import { RegradeRequestSection, openedSubmission } from "./regrade-request-section.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exercise" };

export default async function ExercisePage({
  params,
  searchParams,
}: {
  params: Promise<{ itemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { itemId } = await params;
  const viewer = await requirePageViewer(`/items/${itemId}`);
  // A calculation (answered with numbers) has its own page: the answer form instead of the editor.
  const calculation = await orNotFound(() => calculationPage(viewer, itemId));
  if (calculation) {
    if (!isStaff(calculation.role) && calculation.exam.kind === "not_started") redirect(`/sets/${calculation.set.id}`);
    return (
      <>
        <CalculationExercise page={calculation} />
        <RegradeRequestSection viewer={viewer} itemId={itemId} />
      </>
    );
  }
  const page = await orNotFound(() => exercisePage(viewer, itemId));
  const { course, set, item, exercise, examples, neighbours } = page;
  // A timed set's exercises open when the student starts its clock, on the set's page.
  if (!isStaff(page.role) && page.exam.kind === "not_started") redirect(`/sets/${set.id}`);
  return (
    <>
      <ItemBreadcrumbs course={course} set={set} title={exercise.title} neighbours={neighbours} />
      {page.exam.kind === "running" ? <ExamClock endsAt={page.exam.endsAt} sticky /> : null}
      <ChosenLanguageProvider initial={page.initialLanguage}>
        <ExerciseLayout>
          <article className="card statement" aria-label="Statement" data-testid="statement">
            <p className="muted small" style={{ marginTop: 0 }}>
              {item.points} points · due <LocalTime iso={set.dueAt} relative /> · {exercise.difficulty} · {exercise.topics.join(", ")}
            </p>
            <YourTerms notice={page.yourTerms} />
            {page.exam.kind === "finished" && !isStaff(page.role) ? <p className="notice warn">Your time for this set is up: new submissions are refused.</p> : null}
            {page.pastDue ? (
              <p className="notice warn">
                {set.lateWork === "refuse" ? "The due date has passed: this set no longer accepts submissions." : "The due date has passed: submissions now are marked late."}
              </p>
            ) : null}
            <StatementInChosenLanguage>
              <Markdown source={exercise.statement} pythonNames={exercise.pythonNames} />
            </StatementInChosenLanguage>
            <h2>Your function</h2>
            <LanguageSignature entry={exercise.entry} signatures={exercise.signatures} visibleTests={examples.length} hiddenTests={exercise.hiddenTests} />
            <VisibleTests examples={examples} />
          </article>
          <Workspace
            itemId={item.id}
            exerciseId={exercise.id}
            starters={exercise.starters}
            signatures={exercise.signatures}
            initialDrafts={page.drafts}
            initialLanguage={page.initialLanguage}
            languages={set.languages}
            initialHistory={page.history}
            pastDue={page.pastDue}
            staff={isStaff(page.role)}
            itemPoints={item.points}
            counted={page.counted}
            maxAttempts={set.maxAttempts}
            attemptsUsed={page.attemptsUsed}
            openOnLoad={openedSubmission(await searchParams)}
            comments={page.comments}
            policy={{
              scorePolicy: set.scorePolicy,
              lateWork: set.lateWork,
              latePenaltyPerDay: set.latePenaltyPerDay,
              latePenaltyCap: set.latePenaltyCap,
              feedback: set.feedback,
              dueAt: set.dueAt,
            }}
          />
        </ExerciseLayout>
      </ChosenLanguageProvider>
      <RegradeRequestSection viewer={viewer} itemId={item.id} />
    </>
  );
}

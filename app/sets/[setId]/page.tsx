import type { Metadata } from "next";
import Link from "next/link";
import { ExamClock } from "../../_components/exam-clock.tsx";
import { LocalTime } from "../../_components/local-time.tsx";
import { formatPoints } from "../../_components/score.ts";
import { orNotFound } from "../../_server/page-errors.ts";
import { FEEDBACK_LABELS, FeedbackSchema, languagesLabel } from "../../_server/policies.ts";
import { problemSetOverview } from "../../_server/problem-sets.ts";
import { isStaff } from "../../_server/roles.ts";
import { requirePageViewer } from "../../_server/viewer.ts";
import { StartExamButton } from "./start-exam.tsx";
import { YourTerms } from "../../_components/your-terms.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Problem set" };

function policyLines(set: Awaited<ReturnType<typeof problemSetOverview>>["set"]): string[] {
  const lines = [`Languages: ${languagesLabel(set.languages)}.`, set.scorePolicy === "last" ? "Your last graded submission counts." : "Your best graded submission counts."];
  if (set.maxAttempts !== null) lines.push(`${set.maxAttempts} submissions per exercise (Run does not count).`);
  if (set.lateWork === "refuse") lines.push("No late work: submissions close at the due date.");
  else if (set.latePenaltyPerDay > 0) lines.push(`Late work loses ${set.latePenaltyPerDay}% per started day, at most ${set.latePenaltyCap}%.`);
  else lines.push("Late work is accepted and marked late.");
  if (set.timeLimitMinutes) lines.push(`${set.timeLimitMinutes} minutes from the moment you start.`);
  if (set.feedback !== "full") lines.push(`Feedback: ${FEEDBACK_LABELS[FeedbackSchema.catch("full").parse(set.feedback)]}.`);
  return lines;
}

export default async function ProblemSetPage({ params }: { params: Promise<{ setId: string }> }) {
  const { setId } = await params;
  const viewer = await requirePageViewer(`/sets/${setId}`);
  const { course, set, role, items, exam, scoresWithheld, yourTerms } = await orNotFound(() => problemSetOverview(viewer, setId));
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: "now" is the request's time.
  const pastDue = new Date(set.dueAt).getTime() < Date.now();
  const staff = isStaff(role);
  // A timed set's exercises open once the student has started the clock.
  const locked = !staff && exam.kind === "not_started";
  return (
    <div className="narrow" style={{ maxWidth: 1000 }}>
      <div className="breadcrumbs">
        <Link href="/">{course.code}</Link> / {set.title}
        {staff ? (
          <>
            {" "}
            · <Link href={`/courses/${course.id}`}>Manage course</Link>
          </>
        ) : null}
      </div>
      <h1>
        {set.title} {set.kind === "exam_practice" ? <span className="badge info">Exam practice</span> : null} {exam.kind === "running" ? <ExamClock endsAt={exam.endsAt} /> : null}
      </h1>
      {set.description ? <p>{set.description}</p> : null}
      <p className="muted">
        Opens <LocalTime iso={set.opensAt} /> · Due <LocalTime iso={set.dueAt} relative />
      </p>
      <ul className="small" data-testid="set-policies">
        {policyLines(set).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <YourTerms notice={yourTerms} />
      {pastDue ? (
        <p className="notice warn">The due date has passed{set.lateWork === "refuse" ? ": this set no longer accepts submissions." : ": new submissions are marked late."}</p>
      ) : null}
      {scoresWithheld && !staff ? <p className="notice">Scores and results are shown after the set closes.</p> : null}
      {locked && exam.kind === "not_started" ? (
        <div className="card" data-testid="exam-start">
          <p>
            This is a timed set: you have <strong>{exam.minutes} minutes</strong> from the moment you start, and the exercises open then. Each student gets their own variant.
          </p>
          <StartExamButton setId={set.id} minutes={exam.minutes} />
        </div>
      ) : null}
      {exam.kind === "finished" && !staff ? <p className="notice warn">Your time for this set is up; your submissions are recorded.</p> : null}
      <table className="data">
        <thead>
          <tr>
            <th>#</th>
            <th>Exercise</th>
            {staff ? null : <th className="num">Attempts</th>}
            <th className="num">{staff ? "Points" : "Score that counts"}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.id} data-testid="set-item">
              <td>{index + 1}</td>
              <td>{locked ? item.title : <Link href={`/items/${item.id}`}>{item.title}</Link>}</td>
              {staff ? null : <td className="num">{item.attempts}</td>}
              <td className="num">
                {staff ? item.points : formatPoints(item.bestPoints, item.points)}
                {!staff && item.overridden ? (
                  <span title="Set by your TA" className="badge" style={{ marginLeft: 4 }}>
                    ✎
                  </span>
                ) : null}
                {!staff && item.penaltyPercent > 0 ? (
                  <span title="Late penalty" className="badge warn" style={{ marginLeft: 4 }}>
                    −{item.penaltyPercent}%
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

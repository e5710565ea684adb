import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../../_components/local-time.tsx";
import { orNotFound } from "../../../_server/page-errors.ts";
import { courseGradebook, type GradebookCell, type GradebookItem, type GradebookRow, type GradebookSet } from "../../../_server/staff/gradebook.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { GradebookTable, type FilterableRow } from "./gradebook-table.tsx";
import { LmsExportLinks } from "./lms-export-links.tsx";
import { AdjustedMark } from "./adjusted-mark.tsx";
import "./gradebook.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gradebook" };

const SCORE_POLICY_LABELS: Record<string, string> = { best: "Best submission counts", last: "Last submission counts" };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Points exactly as the CSV writes them (String of the rounded number), so the two never differ. */
function points(value: number): string {
  return String(value);
}

function tone(value: number, max: number): string {
  if (max <= 0) return "";
  if (value >= max) return "full";
  return value <= 0 ? "zero" : "partial";
}

interface ScoreCellProps {
  readonly courseId: string;
  readonly student: GradebookRow["student"];
  readonly item: GradebookItem;
  readonly set: GradebookSet;
  readonly cell: GradebookCell | undefined;
  /** The set's first exercise column: CSS draws the group's left edge there. */
  readonly first: boolean;
}

function ScoreCell({ courseId, student, item, set, cell, first }: ScoreCellProps) {
  const edge = first ? " set-start" : "";
  const attempts = cell?.attempts ?? 0;
  const counted = cell?.counted ?? null;
  const where = `${student.name} · ${item.title}`;
  if (!counted) {
    return (
      <td
        className={`num gb-cell empty${edge}`}
        data-testid="gradebook-cell"
        data-item-id={item.id}
        data-points=""
        title={`${where}: ${attempts > 0 ? `${plural(attempts, "submission")}, none graded yet` : "no submissions"}`}
      >
        <span className="visually-hidden">{attempts > 0 ? "Not graded yet" : "No submissions"}</span>
        <AdjustedMark adjusted={cell?.adjusted} />
      </td>
    );
  }
  const which = set.scorePolicy === "last" ? "the last graded one counts" : "the best one counts";
  const title = `${where}: ${points(counted.points)} of ${points(item.points)} points count (${plural(attempts, "submission")}; ${which}). Open the counted submission.`;
  return (
    <td className={`num gb-cell ${tone(counted.points, item.points)}${edge}`} data-testid="gradebook-cell" data-item-id={item.id} data-points={points(counted.points)}>
      {/* No prefetch: a gradebook has hundreds of these links. */}
      <Link href={`/courses/${courseId}/review/${counted.submissionId}`} title={title} prefetch={false}>
        <span className="gb-score">{points(counted.points)}</span>
        <span className="visually-hidden"> of {points(item.points)}</span>
        {counted.overridden ? (
          <span className="gb-marker override" title={`Score set by hand: ${points(counted.points)} points replace the autograded ${points(counted.autoPoints)}.`}>
            <span aria-hidden="true">✎</span> override
          </span>
        ) : counted.penaltyPercent > 0 ? (
          <span
            className="gb-marker late"
            title={`Late: ${counted.penaltyPercent}% taken off for lateness. Autograded ${points(counted.autoPoints)} of ${points(item.points)}; ${points(counted.points)} count.`}
          >
            −{counted.penaltyPercent}%<span className="visually-hidden"> late penalty</span>
          </span>
        ) : counted.late ? (
          <span className="gb-marker late-free" title="Submitted after the due date; this set takes no points off for lateness.">
            late
          </span>
        ) : null}
        <AdjustedMark adjusted={cell?.adjusted} />
      </Link>
    </td>
  );
}

export default async function GradebookPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/gradebook`);
  const gradebook = await orNotFound(() => courseGradebook(viewer, courseId));
  const { sets, rows } = gradebook;
  const csvHref = `/api/courses/${encodeURIComponent(courseId)}/gradebook.csv`;
  const columns = 2 + sets.reduce((sum, set) => sum + set.items.length + 1, 0);

  const head = (
    <thead>
      <tr>
        <th scope="col" rowSpan={2} className="gb-sticky gb-corner">
          Student
        </th>
        {sets.map((set) => (
          <th key={set.id} scope="colgroup" colSpan={set.items.length + 1} className="gb-set set-start">
            <div className="gb-set-label">
              <Link href={`/sets/${set.id}`} className="gb-set-title">
                {set.title}
              </Link>
              <span className="gb-set-meta">
                <span className="badge info">{SCORE_POLICY_LABELS[set.scorePolicy] ?? set.scorePolicy}</span> <span className="badge">{points(set.possible)} pts</span>
                {set.kind === "exam_practice" ? (
                  <>
                    {" "}
                    <span className="badge info">Exam practice</span>
                  </>
                ) : null}
                {set.published ? null : (
                  <>
                    {" "}
                    <span className="badge warn">Unpublished</span>
                  </>
                )}
              </span>
              <span className="gb-set-due">
                Due <LocalTime iso={set.dueAt} />
              </span>
              <span
                className={set.inTotal ? "gb-set-total-note small" : "gb-set-total-note small muted"}
                data-testid="set-in-total"
                data-in-total={set.inTotal}
                data-weight={set.weight}
              >
                {set.totalNote ?? "counts in the total"}
              </span>
            </div>
          </th>
        ))}
        <th scope="col" rowSpan={2} className="num gb-total-head set-start">
          Course total
        </th>
      </tr>
      <tr>
        {sets.flatMap((set) => [
          ...set.items.map((item, index) => (
            <th key={item.id} scope="col" className={`num gb-item ${index === 0 ? "set-start" : ""}`}>
              <Link href={`/courses/${courseId}/analytics#item-${item.id}`} title={`${item.title}: analytics`} prefetch={false}>
                {item.title}
              </Link>
            </th>
          )),
          <th key={`${set.id}-total`} scope="col" className={`num gb-set-total-head ${set.items.length === 0 ? "set-start" : ""}`}>
            Set total
          </th>,
        ])}
      </tr>
      <tr className="gb-possible">
        <th scope="row" className="gb-sticky">
          Possible points
        </th>
        {sets.flatMap((set) => [
          ...set.items.map((item, index) => (
            <td key={item.id} className={`num ${index === 0 ? "set-start" : ""}`}>
              {points(item.points)}
            </td>
          )),
          <td key={`${set.id}-total`} className={`num gb-set-total ${set.items.length === 0 ? "set-start" : ""}`}>
            {points(set.possible)}
          </td>,
        ])}
        <td className="num gb-course-total set-start">{points(gradebook.possible)}</td>
      </tr>
    </thead>
  );

  const bodyRows: FilterableRow[] = rows.map((row) => ({
    key: row.student.id,
    search: `${row.student.name} ${row.student.email}`.toLowerCase(),
    node: (
      <tr data-testid="gradebook-row" data-student-email={row.student.email}>
        <th scope="row" className="gb-sticky gb-student">
          <span className="gb-name" title={row.student.name}>
            {row.student.name}
          </span>
          <span className="gb-email" title={row.student.email}>
            {row.student.email}
          </span>
        </th>
        {sets.flatMap((set) => [
          ...set.items.map((item, index) => (
            <ScoreCell key={item.id} courseId={courseId} student={row.student} item={item} set={set} cell={row.cells[item.id]} first={index === 0} />
          )),
          <td
            key={`${set.id}-total`}
            className={`num gb-set-total ${set.items.length === 0 ? "set-start" : ""}`}
            data-testid="set-total"
            data-set-id={set.id}
            data-points={points(row.setTotals[set.id] ?? 0)}
            title={`${row.student.name} · ${set.title}: ${points(row.setTotals[set.id] ?? 0)} of ${points(set.possible)} points`}
          >
            {points(row.setTotals[set.id] ?? 0)}
          </td>,
        ])}
        <td
          className="num gb-course-total set-start"
          data-testid="course-total"
          data-points={points(row.total)}
          title={`${row.student.name}: ${points(row.total)} of ${points(gradebook.possible)} points in the course`}
        >
          {points(row.total)}
        </td>
      </tr>
    ),
  }));

  return (
    <div>
      <div className="toolbar" style={{ alignItems: "center" }}>
        <h1 style={{ margin: 0, flex: 1 }}>Gradebook</h1>
        <a className="button" href={csvHref} download data-testid="export-csv">
          Export CSV
        </a>
        <LmsExportLinks courseId={courseId} />
      </div>
      <section data-testid="gradebook" aria-label="Gradebook">
        {sets.length === 0 ? (
          <div className="card gb-empty">
            <strong>No problem sets yet.</strong>
            <p className="muted">The gradebook gets a column for every exercise once the course has problem sets.</p>
          </div>
        ) : rows.length === 0 ? (
          <div className="card gb-empty">
            <strong>No students are enrolled yet.</strong>
            <p className="muted">Each student enrolled in the course gets a row here, with the score that counts for every exercise.</p>
          </div>
        ) : (
          <GradebookTable head={head} rows={bodyRows} columns={columns} />
        )}
      </section>
      <div className="gb-notes">
        <p className="small" data-testid="gradebook-legend">
          <strong>Reading the table.</strong> Each cell is the score that counts under the set’s policy (best or last submission), after any late penalty; empty means nothing is
          graded yet. <span className="gb-marker late">−20%</span> marks a late penalty,{" "}
          <span className="gb-marker override">
            <span aria-hidden="true">✎</span> override
          </span>{" "}
          a score set by hand, <span className="gb-marker late-free">late</span> late work the set does not penalise. Hover a cell for the details and the number of submissions;
          click it to open the submission that counts.
        </p>
        <p className="small muted" data-testid="csv-note">
          <strong>Export CSV</strong> writes the same numbers as this table: both are read from the same gradebook data. Columns: <code>student_id</code>, <code>email</code>,{" "}
          <code>name</code>; then for each set, in due-date order, one column per exercise named <code>&lt;set&gt; | &lt;exercise&gt; [&lt;points&gt;]</code> and{" "}
          <code>&lt;set&gt; | total [&lt;possible&gt;]</code> (with <code>(not in total)</code> or <code>(×2)</code> after it when the set is left out or weighted); last{" "}
          <code>total [&lt;possible&gt;]</code>. An empty cell means nothing is graded yet.
        </p>
        <p className="small muted" data-testid="total-note">
          <strong>Course total.</strong> A set counts once it is published and open, unless it is exam practice; its settings in the set builder can include or exclude it whatever
          its state, and weight it (×2 doubles its points in the total). Each set’s header says whether it counts.
        </p>
      </div>
    </div>
  );
}

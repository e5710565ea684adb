import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../../_components/local-time.tsx";
import { formatPoints } from "../../../_components/score.ts";
import { VerdictBadge } from "../../../_components/verdict-badge.tsx";
import { VERDICT_LABELS } from "../../../_components/verdicts.ts";
import { orNotFound } from "../../../_server/page-errors.ts";
import { staffCourseOverview } from "../../../_server/staff/course.ts";
import { REVIEW_SORT_LABELS, REVIEW_SORTS, ReviewFiltersSchema, reviewQueuePage, type ReviewFilters } from "../../../_server/staff/review.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import "./review.css";
import { RegradeRequestsPanel } from "./regrade-requests-panel.tsx";
import { LANGUAGE_LABELS, LANGUAGES } from "../../../../exercises/spec/languages.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The form's query string as filters: empty fields mean "any"; a malformed value is ignored rather than a 400. */
function parseFilters(search: SearchParams): ReviewFilters {
  const filters: Record<string, string> = {};
  for (const key of ["setId", "exerciseId", "verdict", "language", "late", "reviewed", "student", "needsReview", "sort", "page"] as const) {
    const raw = search[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) filters[key] = value;
  }
  const parsed = ReviewFiltersSchema.safeParse(filters);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return ReviewFiltersSchema.parse(Object.fromEntries(Object.entries(filters).filter(([key]) => !bad.has(key))));
}

export default async function ReviewQueuePage({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<SearchParams> }) {
  const { courseId } = await params;
  const filters = parseFilters(await searchParams);
  const viewer = await requirePageViewer(`/courses/${courseId}/review`);
  const [overview, queue] = await orNotFound(() => Promise.all([staffCourseOverview(viewer, courseId), reviewQueuePage(viewer, courseId, filters)]));
  const { entries, total, page, pages } = queue;
  // The course's exercises, once each, in the order the sets use them.
  const exercises = new Map<string, string>();
  for (const set of overview.sets) for (const item of set.items) if (!exercises.has(item.exerciseId)) exercises.set(item.exerciseId, item.title);
  const { sort: _sort, page: _page, ...narrowing } = filters;
  const filtered = Object.keys(narrowing).length > 0;
  const unreviewed = queue.unreviewed;
  // The same filters and order on another page.
  const pageHref = (to: number) => {
    const query = new URLSearchParams(Object.entries({ ...filters, page: to }).map(([key, value]) => [key, String(value)]));
    return `/courses/${courseId}/review?${query.toString()}`;
  };

  return (
    <div>
      <h1>Review queue</h1>
      <p className="muted">The latest submission of each student for each exercise. Open one to see its code, tests, and earlier attempts, and to comment or change its score.</p>
      <RegradeRequestsPanel viewer={viewer} courseId={courseId} />
      <form className="card review-filters" method="get" action={`/courses/${courseId}/review`} data-testid="review-filters" aria-label="Filter the queue">
        <div className="field">
          <label htmlFor="filter-student">Student</label>
          <input id="filter-student" name="student" type="search" defaultValue={filters.student ?? ""} placeholder="Name or email" />
        </div>
        <div className="field">
          <label htmlFor="filter-set">Problem set</label>
          <select id="filter-set" name="setId" defaultValue={filters.setId ?? ""}>
            <option value="">Any set</option>
            {overview.sets.map((set) => (
              <option key={set.id} value={set.id}>
                {set.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-exercise">Exercise</label>
          <select id="filter-exercise" name="exerciseId" defaultValue={filters.exerciseId ?? ""}>
            <option value="">Any exercise</option>
            {[...exercises].map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-verdict">Verdict</label>
          <select id="filter-verdict" name="verdict" defaultValue={filters.verdict ?? ""}>
            <option value="">Any verdict</option>
            {Object.entries(VERDICT_LABELS).map(([verdict, [label]]) => (
              <option key={verdict} value={verdict}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">Language</label>
          <select id="filter-language" name="language" defaultValue={filters.language ?? ""}>
            <option value="">Any language</option>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {LANGUAGE_LABELS[language]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-late">Late</label>
          <select id="filter-late" name="late" defaultValue={filters.late ?? ""}>
            <option value="">Late or on time</option>
            <option value="yes">Late only</option>
            <option value="no">On time only</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-reviewed">Reviewed</label>
          <select id="filter-reviewed" name="reviewed" defaultValue={filters.reviewed ?? ""}>
            <option value="">Reviewed or not</option>
            <option value="no">Not reviewed yet</option>
            <option value="yes">Reviewed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-needs-review">Needs review</label>
          <select id="filter-needs-review" name="needsReview" defaultValue={filters.needsReview ?? ""}>
            <option value="">Everything</option>
            <option value="yes">Needs review: graded, not passed, not reviewed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort ?? "newest"}>
            {REVIEW_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {REVIEW_SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          {filtered ? <Link href={`/courses/${courseId}/review`}>Clear filters</Link> : null}
        </div>
      </form>

      <p role="status" data-testid="review-count" data-count={total} data-page={page} data-pages={pages}>
        <strong>
          {total} submission{total === 1 ? "" : "s"}
        </strong>
        {filtered ? " match these filters" : ""}
        {total > 0 ? <span className="muted"> · {unreviewed} not reviewed yet</span> : null}
        {pages > 1 ? (
          <span className="muted">
            {" "}
            · showing {(page - 1) * queue.pageSize + 1}–{(page - 1) * queue.pageSize + entries.length}
          </span>
        ) : null}
      </p>

      {entries.length === 0 ? (
        <div className="card" data-testid="review-queue" data-count={0}>
          <p className="muted" style={{ margin: 0 }} data-testid="review-empty">
            {filtered ? "No submission matches these filters. Loosen or clear them to see more." : "No student has submitted anything in this course yet."}
          </p>
        </div>
      ) : (
        <table className="data review-table" data-testid="review-queue" data-count={entries.length}>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Set</th>
              <th scope="col">Exercise</th>
              <th scope="col">Language</th>
              <th scope="col">Submitted</th>
              <th scope="col">Verdict</th>
              <th scope="col" className="num">
                Points
              </th>
              <th scope="col">Flags</th>
              <th scope="col" className="center">
                Reviewed
              </th>
              <th scope="col" className="num">
                Comments
              </th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const href = `/courses/${courseId}/review/${entry.submissionId}`;
              return (
                <tr
                  key={entry.submissionId}
                  className={entry.reviewed ? undefined : "unreviewed"}
                  data-testid="review-row"
                  data-submission-id={entry.submissionId}
                  data-reviewed={entry.reviewed}
                  data-late={entry.late}
                  data-language={entry.language}
                  data-overridden={entry.overridden}
                >
                  <td>
                    <Link href={href}>{entry.student.name}</Link>
                    <div className="muted small">{entry.student.email}</div>
                  </td>
                  <td>{entry.setTitle}</td>
                  <td>{entry.exerciseTitle}</td>
                  <td data-testid="review-language">{entry.calculation ? "Answers" : LANGUAGE_LABELS[entry.language]}</td>
                  <td>
                    <LocalTime iso={entry.createdAt} />
                  </td>
                  <td>
                    <VerdictBadge verdict={entry.verdict} status={entry.status} />
                  </td>
                  <td className="num" data-testid="review-points">
                    {formatPoints(entry.points, entry.maxPoints)}
                  </td>
                  <td>
                    {entry.late ? <span className="badge warn">Late</span> : null}{" "}
                    {entry.overridden ? (
                      <span className="badge info" title="A staff member set this score by hand">
                        Override
                      </span>
                    ) : null}
                  </td>
                  <td className="center">
                    {entry.reviewed ? (
                      <span className="reviewed-mark" title="Reviewed">
                        ✓<span className="visually-hidden">Reviewed</span>
                      </span>
                    ) : (
                      <span className="visually-hidden">Not reviewed</span>
                    )}
                  </td>
                  <td className="num">{entry.comments}</td>
                  <td className="num">{entry.attempts}</td>
                  <td className="num">
                    <Link href={href} aria-label={`Review ${entry.student.name}'s ${entry.exerciseTitle}`}>
                      Review →
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="review-pages" aria-label="Pages of the queue" data-testid="review-pages">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span className="muted">← Previous</span>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={pageHref(page + 1)} rel="next" data-testid="review-next">
              Next →
            </Link>
          ) : (
            <span className="muted">Next →</span>
          )}
        </nav>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "../../../../../_server/page-errors.ts";
import { FeedbackSchema, LateWorkSchema, ScorePolicySchema, SetKindSchema } from "../../../../../_server/policies.ts";
import { problemSetForEditing } from "../../../../../_server/staff/builder.ts";
import { staffCourseOverview } from "../../../../../_server/staff/course.ts";
import { requirePageViewer } from "../../../../../_server/viewer.ts";
import "../../builder.css";
import { DuplicateSet } from "../../duplicate-set.tsx";
import { SetForm } from "../../set-form.tsx";
import { SetItemsEditor } from "../../set-items-editor.tsx";
import { VersionNotes } from "../../../version-notes.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit problem set" };

export default async function EditProblemSetPage({ params }: { params: Promise<{ courseId: string; setId: string }> }) {
  const { courseId, setId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/sets/${setId}/edit`);
  const set = await orNotFound(() => problemSetForEditing(viewer, setId));
  // The set must belong to the course in the address, or the frame would name the wrong course.
  if (set.courseId !== courseId) notFound();
  const { teachingCourses } = await orNotFound(() => staffCourseOverview(viewer, courseId));
  return (
    <div className="builder">
      <p className="small">
        <Link href={`/courses/${courseId}`}>← Problem sets</Link> · <Link href={`/sets/${set.id}`}>View the set</Link>
      </p>
      <h1>{set.title}</h1>
      <VersionNotes viewer={viewer} courseId={courseId} exerciseIds={set.items.map((item) => item.exerciseId)} />
      <div className="builder-columns">
        <div>
          <SetForm
            courseId={courseId}
            setId={set.id}
            initial={{
              title: set.title,
              description: set.description,
              kind: SetKindSchema.catch("weekly").parse(set.kind),
              opensAt: set.opensAt.toISOString(),
              dueAt: set.dueAt.toISOString(),
              published: set.published,
              scorePolicy: ScorePolicySchema.catch("best").parse(set.scorePolicy),
              maxAttempts: set.maxAttempts,
              lateWork: LateWorkSchema.catch("penalty").parse(set.lateWork),
              latePenaltyPerDay: set.latePenaltyPerDay,
              latePenaltyCap: set.latePenaltyCap,
              timeLimitMinutes: set.timeLimitMinutes,
              feedback: FeedbackSchema.catch("full").parse(set.feedback),
              languages: set.allowedLanguages,
              inTotal: set.inTotal === "yes" || set.inTotal === "no" ? set.inTotal : "auto",
              totalWeight: set.totalWeight,
            }}
          />
          <DuplicateSet setId={set.id} courseId={courseId} title={set.title} courses={teachingCourses} />
        </div>
        <SetItemsEditor
          courseId={courseId}
          setId={set.id}
          initialItems={set.items.map((item) => ({ exerciseId: item.exerciseId, title: item.title, points: item.points, submissions: item.submissions }))}
        />
      </div>
    </div>
  );
}

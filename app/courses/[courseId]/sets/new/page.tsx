import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "../../../../_server/page-errors.ts";
import { newProblemSetContext } from "../../../../_server/staff/builder.ts";
import { requirePageViewer } from "../../../../_server/viewer.ts";
import "../builder.css";
import { SetForm } from "../set-form.tsx";
import { LANGUAGES } from "../../../../../exercises/spec/languages.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New problem set" };

export default async function NewProblemSetPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/sets/new`);
  const course = await orNotFound(() => newProblemSetContext(viewer, courseId));
  return (
    <div className="builder">
      <p className="small">
        <Link href={`/courses/${course.id}`}>← Problem sets</Link>
      </p>
      <h1>New problem set</h1>
      <p className="muted">Choose the settings first; you add exercises on the next page.</p>
      <SetForm
        courseId={course.id}
        initial={{
          title: "",
          description: "",
          kind: "weekly",
          opensAt: null,
          dueAt: null,
          published: false,
          scorePolicy: "best",
          maxAttempts: null,
          lateWork: "penalty",
          latePenaltyPerDay: 10,
          latePenaltyCap: 50,
          timeLimitMinutes: null,
          feedback: "full",
          languages: LANGUAGES,
        }}
      />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "../../../../_server/page-errors.ts";
import { regradeRun } from "../../../../_server/staff/regrade.ts";
import { requirePageViewer } from "../../../../_server/viewer.ts";
import "../regrades.css";
import { RegradeRunPanel } from "./regrade-run.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Regrade" };

export default async function RegradeRunPage({ params }: { params: Promise<{ courseId: string; runId: string }> }) {
  const { courseId, runId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/regrades/${runId}`);
  const run = await orNotFound(() => regradeRun(viewer, runId));
  if (run.courseId !== courseId) notFound();
  return (
    <div>
      <p className="small" style={{ margin: "0 0 0.5rem" }}>
        <Link href={`/courses/${courseId}/regrades`}>← Regrades</Link>
      </p>
      <RegradeRunPanel courseId={courseId} initial={run} />
    </div>
  );
}

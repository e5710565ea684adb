import type { Metadata } from "next";
import { orNotFound } from "../../../_server/page-errors.ts";
import { similarityTargets } from "../../../_server/staff/similarity.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { SimilarityRunner } from "./similarity-runner.tsx";
import "./similarity.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Similarity" };

export default async function SimilarityPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/similarity`);
  const sets = await orNotFound(() => similarityTargets(viewer, courseId));
  return (
    <div>
      <h1>Similarity</h1>
      <p className="muted">
        Pairs of students whose latest Submits to one exercise are unusually alike, ranked. The report is advisory: it never changes a grade, and each run is logged with who ran
        it. Read the matching code side by side before drawing any conclusion.
      </p>
      <section className="card" aria-labelledby="run-report">
        <h2 id="run-report" style={{ marginTop: 0 }}>
          Run a report
        </h2>
        <SimilarityRunner courseId={courseId} sets={sets} />
      </section>
      <details className="small muted sim-method">
        <summary>How pairs are found</summary>
        <p>
          Each student&apos;s latest Submit is cut into tokens with names, literals, comments and layout ignored, so renaming variables or reformatting changes nothing. Runs of
          tokens are fingerprinted by winnowing, the method of MOSS (Schleimer, Wilkerson and Aiken, 2003). Fingerprints of the starter code and of the reference solution are left
          out, as are fingerprints that many submissions share (the exercise&apos;s common idiom). A pair&apos;s score is how much of each one&apos;s remaining fingerprints the
          other shares, averaged. TypeScript and JavaScript are compared with each other, Python with Python.
        </p>
      </details>
    </div>
  );
}

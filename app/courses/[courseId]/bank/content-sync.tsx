"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { ContentSyncView } from "../../../_server/staff/content.ts";

const short = (hash: string) => hash.slice(0, 12);

/** "Sync content": validates the course's content folders on the server and shows what changed and what is broken, by file, field and fix. */
export function ContentSync({ courseId, folders, broken }: { courseId: string; folders: readonly string[]; broken: ContentSyncView["broken"] }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [report, setReport] = useState<ContentSyncView | null>(null);

  const sync = () =>
    run(async () => {
      setReport(await sendJson<ContentSyncView>(`/api/courses/${courseId}/content/sync`, "POST", {}));
      router.refresh();
    });

  return (
    <section className="card" aria-labelledby="content-sync" data-testid="content-sync">
      <h2 id="content-sync" style={{ marginTop: 0 }}>
        Course content
      </h2>
      <p className="small muted">
        Exercises from the course&apos;s own folders: <code>{folders.join(", ")}</code>. Syncing validates every exercise first; a broken one keeps serving its last good version.
      </p>
      <button type="button" className="button primary" onClick={() => void sync()} disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null} Sync content
      </button>
      <ActionError message={error} />
      {report ? <SyncReportView report={report} /> : broken.map((exercise) => <BrokenExercise key={exercise.id} {...exercise} />)}
    </section>
  );
}

function SyncReportView({ report }: { report: ContentSyncView }) {
  const nothing = report.added.length + report.updated.length + report.broken.length + report.refused.length + report.removed.length + report.folderProblems.length === 0;
  return (
    <div data-testid="sync-report" role="status">
      {nothing ? <p>Nothing changed: {report.unchanged.length} exercise(s) are up to date.</p> : null}
      <ul>
        {report.folderProblems.map((problem) => (
          <li key={problem} className="notice error">
            {problem}
          </li>
        ))}
        {report.added.map(({ id, version }) => (
          <li key={id} data-testid="sync-added" data-exercise-id={id}>
            Added <strong>{id}</strong> (version <code>{short(version)}</code>)
          </li>
        ))}
        {report.updated.map(({ id, to, changedFiles }) => (
          <li key={id} data-testid="sync-updated" data-exercise-id={id}>
            Updated <strong>{id}</strong> to version <code>{short(to)}</code>; changed: {changedFiles.join(", ")}
          </li>
        ))}
        {report.removed.map((id) => (
          <li key={id}>
            Removed <strong>{id}</strong> (nothing used it)
          </li>
        ))}
        {report.refused.map(({ id, message }) => (
          <li key={id} className="notice error" data-testid="sync-refused" data-exercise-id={id}>
            {message}
          </li>
        ))}
      </ul>
      {report.broken.map((exercise) => (
        <BrokenExercise key={exercise.id} {...exercise} />
      ))}
    </div>
  );
}

/** An exercise the sync did not take, with each problem's file, field and fix. */
function BrokenExercise({ id, serving, problems }: ContentSyncView["broken"][number]) {
  return (
    <div className="notice error" data-testid="sync-broken" data-exercise-id={id}>
      <p>
        <strong>{id}</strong> was not synced: {serving ? `version ${short(serving)} keeps serving.` : "it is not served until it is valid."}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index} data-testid="sync-problem" data-file={problem.file} data-field={problem.field ?? ""}>
              <td>
                <code>{problem.file}</code>
              </td>
              <td>{problem.field ? <code>{problem.field}</code> : "—"}</td>
              <td>{problem.message}</td>
              <td>{problem.fix}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

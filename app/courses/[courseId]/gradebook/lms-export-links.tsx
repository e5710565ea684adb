import { LMS_FORMATS, LMS_LABELS } from "../../../_server/staff/lms-export.ts";

const HINTS = {
  canvas: "One column per set with its points possible; students identified by SIS Login ID (their email address).",
  moodle: "One column per set, points possible in brackets; at import, identify users by mapping Email address to email address.",
} as const;

/** Links to the gradebook in the CSV layouts Canvas and Moodle import (app/_server/staff/lms-export.ts). */
export function LmsExportLinks({ courseId }: { courseId: string }) {
  return (
    <>
      {LMS_FORMATS.map((format) => (
        <a
          key={format}
          className="button"
          href={`/api/courses/${encodeURIComponent(courseId)}/gradebook-export/${format}`}
          download
          title={HINTS[format]}
          data-testid={`export-${format}`}
        >
          Export for {LMS_LABELS[format]}
        </a>
      ))}
    </>
  );
}

"use client";
import { useId, useState } from "react";
import { LocalTime } from "../../../_components/local-time.tsx";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { RosterEntry } from "../../../_server/staff/roster.ts";

/** Creates a one-time password reset link for a member who forgot theirs, for the instructor to pass on. */
export function ResetLinkButton({ courseId, member }: { courseId: string; member: Pick<RosterEntry, "userId" | "name"> }) {
  const id = useId();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const { busy, error, run } = useAction();

  const create = () =>
    run(async () => {
      const { path, expiresAt } = await sendJson<{ path: string; expiresAt: string }>(
        `/api/courses/${courseId}/roster/${encodeURIComponent(member.userId)}/reset-link`,
        "POST",
        {},
      );
      setLink({ url: `${window.location.origin}${path}`, expiresAt });
      setCopied(false);
    });

  return (
    <span className="reset-link">
      <button type="button" className="button small-button" onClick={() => void create()} disabled={busy} aria-label={`Create a password reset link for ${member.name}`}>
        Reset link
      </button>
      <ActionError message={error} />
      {link ? (
        <span className="reset-link-box" role="group" aria-labelledby={`${id}-label`} data-testid="reset-link">
          <label id={`${id}-label`} htmlFor={`${id}-url`} className="small">
            Send this link to {member.name}. It works once, until <LocalTime iso={link.expiresAt} />; earlier links stop working.
          </label>
          <input id={`${id}-url`} readOnly value={link.url} onFocus={(event) => event.target.select()} data-testid="reset-link-url" />
          <button
            type="button"
            className="button small-button"
            onClick={() =>
              void navigator.clipboard?.writeText(link.url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </span>
      ) : null}
    </span>
  );
}

"use client";
import { useActionState } from "react";
import { setNewPassword, type ResetState } from "./actions.ts";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(setNewPassword, { error: null });
  return (
    <form action={action} className="card" aria-label="Set a new password">
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={10} maxLength={200} required aria-describedby="new-password-rule" />
        <span id="new-password-rule" className="muted small">
          At least 10 characters.
        </span>
      </div>
      <div className="field">
        <label htmlFor="repeated-password">New password again</label>
        <input id="repeated-password" name="repeated" type="password" autoComplete="new-password" minLength={10} maxLength={200} required />
      </div>
      {state.error ? (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Saving…" : "Set the new password"}
      </button>
    </form>
  );
}

"use server";
import { redirect } from "next/navigation";
import { RequestError } from "../../_server/errors.ts";
import { resetPassword } from "../../_server/password-resets.ts";

export interface ResetState {
  readonly error: string | null;
}

export async function setNewPassword(_previous: ResetState, form: FormData): Promise<ResetState> {
  const token = form.get("token");
  const password = form.get("password");
  const repeated = form.get("repeated");
  if (typeof token !== "string" || typeof password !== "string") return { error: "Fill in the new password." };
  if (password !== repeated) return { error: "The two passwords differ. Type the same new password twice." };
  try {
    await resetPassword(token, password);
  } catch (error) {
    if (error instanceof RequestError) return { error: error.message };
    throw error;
  }
  redirect("/login?reset=done");
}

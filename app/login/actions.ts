"use server";
import { AuthError } from "next-auth";
import { signIn } from "../_server/auth.ts";

export interface LoginState {
  readonly error: string | null;
}

/** Only same-site paths are followed after signing in, never another origin. */
function safeNext(raw: FormDataEntryValue | null): string {
  const next = typeof raw === "string" ? raw : "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function logIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  try {
    await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirectTo: safeNext(form.get("next")) });
    return { error: null };
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: "That email and password do not match an account (or there were too many attempts; wait 15 minutes)." };
    }
    throw error; // the redirect after a successful sign-in travels as an exception
  }
}

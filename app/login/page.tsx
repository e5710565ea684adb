import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentViewer } from "../_server/viewer.ts";
import { LoginForm } from "./login-form.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = typeof next === "string" ? next : "/";
  if (await currentViewer()) redirect(target.startsWith("/") && !target.startsWith("//") ? target : "/");
  return (
    <div className="narrow" style={{ maxWidth: 420, margin: "2rem auto" }}>
      <h1>Sign in to Epoch</h1>
      <LoginForm next={target} />
      <p className="muted small">Demo accounts are listed in the README (password: epoch-demo).</p>
    </div>
  );
}

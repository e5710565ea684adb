import { signOut } from "../_server/auth.ts";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/login" });
      }}
    >
      <button type="submit" className="link-button">
        Sign out
      </button>
    </form>
  );
}

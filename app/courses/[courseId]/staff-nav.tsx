"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "../../_server/roles.ts";

const TABS: readonly { path: string; label: string; instructorOnly?: boolean }[] = [
  { path: "", label: "Overview" },
  { path: "/review", label: "Review queue" },
  { path: "/gradebook", label: "Gradebook" },
  { path: "/analytics", label: "Analytics" },
  { path: "/bank", label: "Exercise bank" },
  { path: "/regrades", label: "Regrades" },
  { path: "/similarity", label: "Similarity" },
  { path: "/extensions", label: "Extensions" },
  // TAs may look at the roster; only instructors get its add and remove controls.
  { path: "/roster", label: "Roster" },
];

export function StaffNav({ courseId, role }: { courseId: string; role: Role }) {
  const pathname = usePathname();
  const base = `/courses/${courseId}`;
  return (
    <nav className="staff-nav" aria-label="Course staff pages">
      {TABS.filter((tab) => !tab.instructorOnly || role === "instructor").map((tab) => {
        const href = `${base}${tab.path}`;
        const active = tab.path === "" ? pathname === base : pathname.startsWith(href);
        return (
          <Link key={tab.path} href={href} aria-current={active ? "page" : undefined} className={active ? "active" : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

import { readdirSync, readFileSync } from "node:fs";

/** Child processes of `parent` (read from /proc, Linux). */
export function childPids(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces: read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === parent) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

/**
 * Whether any thread of a process is running right now (from /proc). isolated-vm runs student
 * code on a thread of its own, so the main thread sleeps while the process works.
 */
export function isRunning(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((task) => {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2).startsWith("R");
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

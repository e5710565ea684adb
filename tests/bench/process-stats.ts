/**
 * CPU time and resident memory of another process and its children (a server, a grader host
 * with its sandbox processes), read from /proc: the figures process.cpuUsage() and
 * process.memoryUsage().rss give inside that process, without asking it. Linux only; elsewhere 0.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The process and its descendants, alive now. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const tasks = (() => {
      try {
        return readdirSync(`/proc/${tree[i]}/task`);
      } catch {
        return [];
      }
    })();
    for (const task of tasks) {
      const children = read(`/proc/${tree[i]}/task/${task}/children`);
      if (children) tree.push(...children.trim().split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return tree;
}

/** /proc/<pid>/stat's fields after the command name (which may hold spaces), from field 3 on. */
function statFields(pid: number): string[] | null {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : null;
}

/** CPU seconds (user + system) one process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime is field 14, stime 15.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/** CPU seconds of the process's children that have exited (and been waited for). */
export function exitedChildrenCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // cutime is field 16, cstime 17.
  return fields ? (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND : 0;
}

export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) / 1024 : 0;
}

export interface ProcessSample {
  /** CPU seconds of the process itself. */
  readonly ownCpu: number;
  /**
   * CPU seconds of its children (e.g. a grader host's sandbox processes): those alive now, and
   * those that have exited, so that a replaced sandbox process does not take its time away.
   */
  readonly childrenCpu: number;
  readonly ownRssMb: number;
  readonly treeRssMb: number;
}

export function sampleProcess(pid: number | null): ProcessSample {
  if (pid === null) return { ownCpu: 0, childrenCpu: 0, ownRssMb: 0, treeRssMb: 0 };
  const tree = processTree(pid);
  const children = tree.slice(1);
  return {
    ownCpu: cpuSeconds(pid),
    childrenCpu: children.reduce((sum, child) => sum + cpuSeconds(child), exitedChildrenCpuSeconds(pid)),
    ownRssMb: rssMb(pid),
    treeRssMb: tree.reduce((sum, p) => sum + rssMb(p), 0),
  };
}

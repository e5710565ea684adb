/**
 * Node's experimental features that the grader uses on purpose (Node is pinned in
 * package.json): their one-time ExperimentalWarning is dropped, in every process and thread
 * that calls them, while every other warning still prints.
 */

/** Calls `work` with Node's experimental warning about `feature` dropped; other warnings pass. */
export function withoutExperimentalWarning<T>(feature: string, work: () => T): T {
  const emit = process.emitWarning;
  // Node words it "<feature> is an experimental feature and might change at any time".
  const known = `${feature} is an experimental feature`;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === "string" ? warning : warning.message;
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if ((type === "ExperimentalWarning" || (warning instanceof Error && warning.name === "ExperimentalWarning")) && message.startsWith(known)) return;
    (emit as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return work();
  } finally {
    process.emitWarning = emit;
  }
}

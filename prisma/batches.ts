/**
 * Long `IN (...)` lists, a slice per statement. SQLite takes at most 999 values per statement,
 * and Prisma splits a long list itself only when it is a query's whole filter: beside any other
 * condition, a list of a thousand ids fails ("The query parameter limit supported by your
 * database is exceeded"). A slice leaves room for the statement's other values.
 */
export const VALUES_PER_LIST = 500;

/** `read` for each slice of `values` in turn, their rows together. */
export async function inBatches<T, R>(values: readonly T[], read: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let from = 0; from < values.length; from += VALUES_PER_LIST) rows.push(...(await read(values.slice(from, from + VALUES_PER_LIST))));
  return rows;
}

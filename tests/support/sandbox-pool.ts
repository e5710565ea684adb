import { afterAll, beforeAll } from "vitest";
import { SandboxPool, type PoolOptions } from "../../grader/sandbox/pool.ts";

/**
 * One sandbox pool for the test file that calls this: started before its first test, closed
 * after its last. The value stands for that pool (methods are called on the live one).
 */
export function poolForThisFile(options: PoolOptions = { size: 2 }): SandboxPool {
  let pool: SandboxPool | null = null;
  beforeAll(() => {
    pool = new SandboxPool(options);
  });
  afterAll(async () => {
    await pool?.close();
  });
  return new Proxy({} as SandboxPool, {
    get(_target, key) {
      if (pool === null) throw new Error("the test file's sandbox pool is used before beforeAll ran");
      const value: unknown = Reflect.get(pool, key, pool);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(pool) : value;
    },
  });
}

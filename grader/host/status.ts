/**
 * The grader hosts at a glance: queue depth, the oldest queued submission's age, and each host
 * with its heartbeat and the leases it holds. A host whose heartbeat is older than a lease has
 * died without stopping; its work is taken over by the others once its leases lapse.
 *
 * npm run grader:status            (same DATABASE_URL as the hosts)
 * npm run grader:status -- --json
 */
import { parseArgs } from "node:util";
import { databaseUrl, env } from "../../config.ts";
import { createDatabase } from "../../prisma/client.ts";
import { queueStatus, type QueueStatus } from "../../prisma/queue.ts";

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatStatus(status: QueueStatus, leaseMs: number): string {
  const lines = [
    `queued: ${status.queued} (oldest ${seconds(status.oldestQueuedMs)} ago)`,
    `running: ${status.running}${status.lapsed > 0 ? ` (${status.lapsed} with a lapsed lease, waiting for another host)` : ""}`,
    `hosts:`,
  ];
  if (status.hosts.length === 0) lines.push("  none");
  for (const host of status.hosts) {
    const state = host.stopped ? "stopped" : host.heartbeatAgeMs > leaseMs ? "silent (presumed dead)" : "live";
    const expiry = host.nextLeaseExpiry ? `, next lease lapses in ${seconds(host.nextLeaseExpiry.getTime() - Date.now())}` : "";
    lines.push(
      `  ${host.name.padEnd(28)} ${state.padEnd(22)} heartbeat ${seconds(host.heartbeatAgeMs)} ago, pool ${host.poolSize}, ${host.leases} lease(s)${expiry}, graded ${host.graded}`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
  const db = await createDatabase(databaseUrl(), { poolSize: 2 });
  try {
    const status = await queueStatus(db);
    process.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status, env().GRADER_LEASE_SECONDS * 1000)}\n`);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.main) await main();

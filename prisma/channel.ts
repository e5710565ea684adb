/**
 * A local wake-up line between the web server and the grader host, so neither has to poll the
 * database tightly: the web server says "something is queued", the grader host says "this
 * submission is graded". Newline-delimited JSON over a Unix socket in the data folder. Only a
 * hint: the database stays the truth, and both sides keep a slow poll in case the line is down.
 */
import { resolve } from "node:path";
import { z } from "zod";

export const ChannelMessageSchema = z.discriminatedUnion("type", [z.object({ type: z.literal("queued") }), z.object({ type: z.literal("graded"), id: z.string().max(64) })]);
export type ChannelMessage = z.infer<typeof ChannelMessageSchema>;

export function channelPath(dataDir: string): string {
  return resolve(/*turbopackIgnore: true*/ process.cwd(), dataDir, "grader.sock");
}

export function encodeMessage(message: ChannelMessage): string {
  return `${JSON.stringify(message)}\n`;
}

const MAX_LINE = 4096;

/** Splits a byte stream into messages; malformed or oversized lines are dropped. */
export function messageReader(onMessage: (message: ChannelMessage) => void): (chunk: Buffer) => void {
  let pending = "";
  return (chunk) => {
    pending += chunk.toString("utf8");
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      try {
        const parsed = ChannelMessageSchema.safeParse(JSON.parse(line));
        if (parsed.success) onMessage(parsed.data);
      } catch {
        // not JSON: ignore
      }
    }
    if (pending.length > MAX_LINE) pending = "";
  };
}

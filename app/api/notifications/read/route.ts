import { MarkReadSchema, markRead, unreadCount } from "../../../_server/notifications/inbox.ts";
import { readJsonBody } from "../../../_server/request-body.ts";
import { route } from "../../../_server/route.ts";

/** Marks the signed-in user's notices read: `{ ids: [...] }` or `{ all: true }`. */
export const POST = route(async ({ request, viewer }) => {
  const body = await readJsonBody(request, MarkReadSchema, 64 * 1024);
  const marked = await markRead(viewer, body);
  return { marked, unread: await unreadCount(viewer) };
});

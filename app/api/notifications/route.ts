import { listNotifications, unreadCount } from "../../_server/notifications/inbox.ts";
import { route } from "../../_server/route.ts";

/** The signed-in user's notices, newest first, with the unread count. */
export const GET = route(async ({ viewer }) => {
  const [notifications, unread] = await Promise.all([listNotifications(viewer), unreadCount(viewer)]);
  return { notifications, unread };
});

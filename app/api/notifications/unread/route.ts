import { unreadCount } from "../../../_server/notifications/inbox.ts";
import { route } from "../../../_server/route.ts";

/** The signed-in user's unread count alone: what the header's bell reads after each navigation. */
export const GET = route(async ({ viewer }) => ({ unread: await unreadCount(viewer) }));

import { unreadCount } from "../_server/notifications/inbox.ts";
import type { Viewer } from "../_server/viewer.ts";
import { BellLink } from "./bell-link.tsx";
import "./notification-bell.css";

/** The header's link to the notices, with the unread count as the page was served (BellLink keeps it current). */
export async function NotificationBell({ viewer }: { viewer: Viewer }) {
  return <BellLink initialUnread={await unreadCount(viewer)} />;
}

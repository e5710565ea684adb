import Link from "next/link";
import { unreadCount } from "../_server/notifications/inbox.ts";
import type { Viewer } from "../_server/viewer.ts";
import "./notification-bell.css";

/** The header's link to the notices, with the unread count. */
export async function NotificationBell({ viewer }: { viewer: Viewer }) {
  const unread = await unreadCount(viewer);
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" className="notification-bell" aria-label={label} title={label} data-testid="notification-bell" data-unread={unread}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="notification-count" aria-hidden="true" data-testid="notification-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

import type { Metadata } from "next";
import { LocalTime } from "../_components/local-time.tsx";
import { listNotifications } from "../_server/notifications/inbox.ts";
import { requirePageViewer } from "../_server/viewer.ts";
import { MarkAllRead } from "./mark-all-read.tsx";
import "./notifications.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const viewer = await requirePageViewer("/notifications");
  const notifications = await listNotifications(viewer);
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div>
      <h1>Notifications</h1>
      <p className="muted">
        What changed for you: comments and scores from staff, answers to your regrade requests, regrades and extensions. Each opens the exact place; opening one marks it read.
      </p>
      <div className="notifications-toolbar">
        <span role="status" data-testid="notifications-unread" data-count={unread}>
          {unread === 0 ? "Nothing unread." : `${unread} unread`}
        </span>
        {unread > 0 ? <MarkAllRead /> : null}
      </div>
      {notifications.length === 0 ? (
        <p className="card muted" data-testid="notifications-empty">
          No notifications yet.
        </p>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? "notification read" : "notification unread"} data-testid="notification" data-kind={n.kind} data-read={n.read}>
              <a href={`/notifications/${n.id}`} className="notification-link" data-testid="notification-link" data-target={n.link}>
                <span className="badge info">{n.kindLabel}</span> <strong className="notification-title">{n.title}</strong>
                {n.read ? null : <span className="visually-hidden"> (unread)</span>}
              </a>
              {n.body ? <div className="notification-body">{n.body}</div> : null}
              <div className="muted small">
                <LocalTime iso={n.createdAt} relative />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

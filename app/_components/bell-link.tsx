"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** While the tab is open and visible, how often the count is read again without any navigation. */
const REFRESH_MS = 60_000;

/**
 * The bell and its unread count. The header belongs to the root layout, which Next.js does not
 * render again on client-side navigation, so the count is read again after each link followed
 * within the app and each change of path, when the tab comes back into view, and once a minute
 * while it is visible: a notice that arrives, or one read on another page, shows without a reload.
 */
export function BellLink({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  // A server render of the layout (router.refresh()) brings a newer count: take it.
  const [servedUnread, setServedUnread] = useState(initialUnread);
  if (initialUnread !== servedUnread) {
    setServedUnread(initialUnread);
    setUnread(initialUnread);
  }
  const pathname = usePathname();
  const firstPath = useRef(pathname);
  const refresh = useRef<() => void>(() => {});

  useEffect(() => {
    let mounted = true;
    refresh.current = () => {
      void fetch("/api/notifications/unread", { cache: "no-store" })
        .then(async (response) => {
          if (!response.ok) return;
          const body = (await response.json()) as { unread?: unknown };
          if (mounted && typeof body.unread === "number") setUnread(body.unread);
        })
        // Offline or signed out meanwhile: keep the last count; the next page load corrects it.
        .catch(() => {});
    };
    // A link to the page already shown changes no path, so the effect below misses it: read the
    // count once that navigation has had a moment to happen.
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (link instanceof HTMLAnchorElement && link.origin === window.location.origin && link.pathname === window.location.pathname) {
        setTimeout(() => refresh.current(), 300);
      }
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh.current();
    };
    document.addEventListener("click", onClick, true);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(onVisible, REFRESH_MS);
    return () => {
      mounted = false;
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    // Every navigation to another path, by a link or by code; the page first served carries a fresh count.
    if (pathname === firstPath.current) return;
    firstPath.current = "";
    refresh.current();
  }, [pathname]);

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

"use client";
import { useHydrated } from "./use-hydrated.ts";

const FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };

/**
 * A time in the reader's own time zone. The server renders UTC (it cannot know the zone);
 * the browser replaces it after hydration.
 */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const hydrated = useHydrated();
  return <time dateTime={iso}>{hydrated ? localText(iso, relative) : utcText(iso)}</time>;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The text both the server and the hydrating browser render, built by hand: Node's and the
 * browser's locale data punctuate the same Intl format differently, and hydration compares text.
 */
export function utcText(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

function localText(iso: string, relative: boolean): string {
  const absolute = new Date(iso).toLocaleString(undefined, FORMAT);
  return relative ? `${absolute} (${relativeTo(new Date(iso))})` : absolute;
}

function relativeTo(date: Date): string {
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, "hour");
  return format.format(Math.round(hours / 24), "day");
}

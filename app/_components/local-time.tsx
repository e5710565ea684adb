"use client";
import { useEffect, useState } from "react";

const FORMAT: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };

/**
 * A time in the reader's own time zone. The server renders UTC (it cannot know the zone);
 * the browser replaces it after hydration.
 */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const [text, setText] = useState(() => `${new Date(iso).toLocaleString("en-GB", { ...FORMAT, timeZone: "UTC" })} UTC`);
  useEffect(() => {
    const absolute = new Date(iso).toLocaleString(undefined, FORMAT);
    setText(relative ? `${absolute} (${relativeTo(new Date(iso))})` : absolute);
  }, [iso, relative]);
  return <time dateTime={iso}>{text}</time>;
}

function relativeTo(date: Date): string {
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, "hour");
  return format.format(Math.round(hours / 24), "day");
}

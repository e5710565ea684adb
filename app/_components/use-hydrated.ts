"use client";
import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * False while the server renders and while the browser hydrates that HTML, true afterwards:
 * for what only the browser knows (its time zone), without a mismatch with the server's HTML.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}

"use client";

/**
 * True once React has hydrated the page in the browser; false in the server's HTML and on the
 * first client render. A file input rendered `disabled={!hydrated}` cannot be used before its
 * change handler exists: a file chosen on a slow page before hydration was silently ignored.
 */

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Absolute links for mails (password reset, verification, invites, alerts). They come from
 * AUTH_URL, never from the request's Host header: a reset asked for with a forged Host would
 * otherwise mail the victim a link to the forger's server carrying a live token. Without
 * AUTH_URL (local use) links point at http://localhost:<PORT>.
 */
import { env } from "@/lib/env";

/** The app's public base URL: AUTH_URL, else http://localhost:<PORT>. */
export function appBaseUrl(): URL {
  const e = env();
  return e.authUrl ?? new URL(`http://localhost:${e.port}`);
}

/** `path` ("/reset-password?token=…") made absolute against the app's public URL. */
export function absoluteUrl(path: string, base: URL = appBaseUrl()): string {
  return new URL(path, base.origin).toString();
}

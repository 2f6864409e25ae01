/**
 * Where to go after signing in: the page the visitor asked for (`callbackUrl`), kept only when it
 * is a path on this site. Anything else (another origin, "//evil.example", "/\evil.example", a
 * scheme, control characters, the sign-in and sign-up pages themselves) gives the default, so
 * the sign-in page is never an open redirect (issue 14 §14).
 */

export const DEFAULT_AFTER_SIGN_IN = "/channels";

/** The query parameter naming the page asked for, as Auth.js spells it. */
export const CALLBACK_PARAM = "callbackUrl";

const BASE = "http://conduit.invalid";

/** `value` as a same-site path with its query and hash ("/orders?status=x"), or DEFAULT_AFTER_SIGN_IN. */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value === "" || value.length > 2000) return DEFAULT_AFTER_SIGN_IN;
  // A path, never "//host" or "/\host" (browsers read both as another host).
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  if (/^\/(sign-in|sign-up)(\/|$)/.test(url.pathname) || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` afterwards ("/sign-in?callbackUrl=%2Forders"). */
export function signInPathFor(path: string | null | undefined): string {
  const target = safeCallbackPath(path);
  return target === DEFAULT_AFTER_SIGN_IN ? "/sign-in" : `/sign-in?${CALLBACK_PARAM}=${encodeURIComponent(target)}`;
}

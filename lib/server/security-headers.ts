/**
 * The security headers of every page (proxy.ts sets them per request) and of API responses
 * (next.config.js, static). Pure, so the policy is unit-tested without a server.
 *
 * - Content-Security-Policy with a fresh nonce per request for scripts: Next.js reads the nonce
 *   from the request's CSP header and puts it on its own scripts ('strict-dynamic' lets those load
 *   their chunks); any other inline or injected script is refused. Styles allow 'unsafe-inline'
 *   because React style attributes (charts, progress bars) cannot carry a nonce; CSS cannot run code.
 * - frame-ancestors 'none' and X-Frame-Options: DENY: no page can be framed (clickjacking).
 * - Strict-Transport-Security only when the app is served over HTTPS (AUTH_URL is https, or the
 *   request arrived over https): a plain-http local setup must stay reachable.
 * - X-Content-Type-Options: nosniff, Referrer-Policy: strict-origin-when-cross-origin, and a
 *   Permissions-Policy that turns off device features Conduit never uses.
 */

/** Next.js's server actions accept bodies up to this (next.config.js `serverActions.bodySizeLimit`: "2mb"). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface PageHeaderOptions {
  nonce: string;
  /** Development needs 'unsafe-eval' (React's dev tooling); production never does. */
  isDev: boolean;
  /** Served over HTTPS: adds HSTS and upgrade-insecure-requests. */
  https: boolean;
}

/** The headers every static response gets (pages get these plus the nonce CSP and HSTS). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** JSON and CSV answers render nothing: they may load nothing and be framed by nobody. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function contentSecurityPolicy({ nonce, isDev, https }: PageHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // OAuth sign-in posts to our own action, which redirects to the provider.
    "form-action 'self' https://github.com https://accounts.google.com",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function pageSecurityHeaders(options: PageHeaderOptions): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Whether the app is served over HTTPS: the configured public URL says so, else this request came over https. */
export function servedOverHttps(publicUrl: string | undefined, request: { url: string; headers: Headers }): boolean {
  if (publicUrl) {
    try {
      return new URL(publicUrl).protocol === "https:";
    } catch {
      // An invalid AUTH_URL is reported by lib/env.ts at start; judge by the request meanwhile.
    }
  }
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

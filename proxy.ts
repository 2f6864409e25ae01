/**
 * Next.js 16 Proxy (formerly middleware), run before every page and server action:
 *  - sets the security headers (lib/server/security-headers.ts), with a fresh CSP nonce that is also
 *    put on the request so Next.js adds it to its own scripts;
 *  - refuses a server-action body over the limit with 413 and a plain message (Next.js itself
 *    answers 500 for it).
 * API routes are not matched: they stream large uploads (a proxy would buffer them) and get their
 * headers from next.config.js and their body caps from lib/server/request-body.ts.
 */
import { type NextRequest, NextResponse } from "next/server";
import {
  newNonce,
  pageSecurityHeaders,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  servedOverHttps,
} from "@/lib/server/security-headers";

export function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const declared = Number(request.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT_BYTES) {
      return new NextResponse("The form sent more than 2 MB, the most Conduit accepts. Send less at once.", {
        status: 413,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
  }
  const headers = pageSecurityHeaders({
    nonce: newNonce(),
    isDev: process.env.NODE_ENV === "development",
    https: servedOverHttps(process.env.AUTH_URL, request),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // The page asked for, so a page that needs sign-in comes back to it (lib/server/session.ts).
  requestHeaders.set("x-conduit-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|sandbox-api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
// @ts-expect-error next.config.js is plain JavaScript without a declaration file
import nextConfigModule from "@/next.config.js";
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  newNonce,
  pageSecurityHeaders,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  STATIC_SECURITY_HEADERS,
  servedOverHttps,
} from "./security-headers";

const nextConfig = nextConfigModule as NextConfig;

describe("security headers", () => {
  it("give pages a nonce CSP that refuses framing, plugins and foreign scripts, and the static headers", () => {
    const headers = pageSecurityHeaders({ nonce: "abc123", isDev: false, https: false });
    const csp = headers["Content-Security-Policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: "n", isDev: true, https: false })).toContain("'unsafe-eval'");
  });

  it("add HSTS only when served over HTTPS, judged by AUTH_URL first", () => {
    const https = pageSecurityHeaders({ nonce: "n", isDev: false, https: true });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    const plain = { url: "http://localhost:3000/", headers: new Headers() };
    expect(servedOverHttps("https://conduit.example.com", plain)).toBe(true);
    expect(
      servedOverHttps("http://localhost:3000", { ...plain, headers: new Headers({ "x-forwarded-proto": "https" }) }),
    ).toBe(false);
    expect(servedOverHttps(undefined, plain)).toBe(false);
    expect(servedOverHttps(undefined, { url: "https://conduit.example.com/", headers: new Headers() })).toBe(true);
  });

  it("make a fresh, unguessable nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("next.config.js repeats the same static headers, API CSP and server-action body limit", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    expect(Object.fromEntries(all.headers.map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
    const api = rules.find((r) => r.source === "/api/:path*")!;
    expect(api.headers).toEqual([{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }]);
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe("2mb");
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(2 * 1024 * 1024);
  });
});

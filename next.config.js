/**
 * Next.js configuration. Security headers: static ones here (every response; API answers also get
 * a CSP that allows nothing), the per-request nonce CSP and HSTS in proxy.ts; both come from
 * lib/server/security-headers.ts, whose values the headers below repeat (a unit test keeps them equal).
 */

/** Keep equal to STATIC_SECURITY_HEADERS in lib/server/security-headers.ts. */
const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];
/** Keep equal to API_CONTENT_SECURITY_POLICY there. */
const API_CSP = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  // `npm run typecheck` checks types in CI as its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Each e2e or second instance can build into its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // Server actions carry forms, not files (uploads stream through route handlers with their own
    // caps, lib/server/request-body.ts). proxy.ts answers 413 above this; keep equal to
    // SERVER_ACTION_BODY_LIMIT_BYTES in lib/server/security-headers.ts.
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [API_CSP] },
      { source: "/sandbox-api/:path*", headers: [API_CSP] },
    ];
  },
};

export default nextConfig;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  // `npm run typecheck` checks types in CI as its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Each e2e or second instance can build into its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;

import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["./db/testing/global-setup.ts"],
    // Each test file starts from the same environment, whatever the caller's shell exports.
    setupFiles: ["./lib/testing/test-env.ts"],
    // next-auth imports "next/server" without an extension; inlined, Vite resolves it (Auth.js route tests).
    server: { deps: { inline: ["next-auth"] } },
  },
});

#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then serve it.
// One command from a fresh clone to a running app on http://localhost:3000 (or PORT).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DataDirInUseError, LOCK_TOKEN_ENV, lockDataDir } from "../db/data-dir-lock.mjs";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

// One process per data folder: with the embedded database, hold DATA_DIR before building, so a
// second `npm start` on the same folder is refused at once, naming the process that has it. The
// build and the server join this lock through its token (CONDUIT_DATA_DIR_LOCK).
const lockEnv = {};
if (!process.env.DATABASE_URL) {
  const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
  try {
    const lock = lockDataDir(dataDir, { role: "npm start" });
    lockEnv[LOCK_TOKEN_ENV] = lock.token;
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
const distDir = process.env.NEXT_DIST_DIR || ".next";
// Next.js's own CLI run by this Node.js, not through npx: a signal sent to `npm start`'s process is
// passed to the process that serves (npx does not pass SIGTERM on, which left the server running).
// CONDUIT_NEXT_CLI replaces it (scripts/start.test.ts points it at nothing, so no build starts).
const NEXT_BIN = process.env.CONDUIT_NEXT_CLI || path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(root, distDir, "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "next.config.js",
  "package.json",
  "instrumentation.ts",
  "postcss.config.mjs",
];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map(newestMtime));
if (builtAt < sourcesAt || process.env.CONDUIT_REBUILD === "1") {
  console.log(
    builtAt ? "Sources changed since the last build; rebuilding…" : "Building Conduit (first start takes a minute)…",
  );
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...lockEnv, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT || "3000";
console.log(`Starting Conduit on http://localhost:${port}`);
// The server handles SIGTERM itself (instrumentation.ts): every worker, the ticker's and "Run now"'s,
// stops at its next page boundary and releases its lease, then the process exits.
const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...lockEnv, NEXT_MANUAL_SIG_HANDLE: "true", NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

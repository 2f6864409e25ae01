import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  throw new Error(
    `Chromium was not found at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH. ` +
      "Conduit never downloads browsers (no `npx playwright install`).",
  );
}

// Chosen once in the runner process; workers inherit the environment, so they agree on it.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
  // A throwaway embedded database for this run only.
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-e2e-"));
}
const port = process.env.E2E_PORT;
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789abcdef";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The production build, as users run it, on a free port with a throwaway database.
    command: `npx next build && npx next start -p ${port}`,
    url: `http://127.0.0.1:${port}/sign-in`,
    // The build runs first; on a loaded 2-core machine it can take several minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NEXT_DIST_DIR: ".next-e2e",
      DATA_DIR: process.env.E2E_DATA_DIR ?? "",
      SANDBOX_ENABLED: "true",
      SCHEDULER_ENABLED: "false",
      CRON_SECRET: E2E_CRON_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});

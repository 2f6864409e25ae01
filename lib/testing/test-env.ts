/**
 * Vitest setup file (vitest.config.ts `setupFiles`): every test file starts from the same
 * environment, whatever the caller's shell exports. Before the file's modules load, each
 * variable Conduit reads (lib/env.ts ENV_VARIABLES) is removed, then the few every test may rely
 * on are set: NODE_ENV=test, a fixed AUTH_SECRET and CREDENTIALS_KEYS (so env() never writes
 * generated secrets), and DATA_DIR in a fresh temporary folder. The test switches
 * (TEST_DATABASE_URL, WORKER_*) are kept. After the file everything is put back as it was. A test
 * that needs a variable sets it itself (vi.stubEnv) and restores it (vi.unstubAllEnvs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { ENV_VARIABLES } from "@/lib/env";

// Next types NODE_ENV as read-only; the setup must write it like any other variable.
const variables: Record<string, string | undefined> = process.env;
const saved = new Map(ENV_VARIABLES.map((name) => [name, variables[name]]));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-test-env-"));

for (const name of ENV_VARIABLES) delete variables[name];
Object.assign(variables, {
  NODE_ENV: "test",
  AUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789",
  CREDENTIALS_KEYS: `test:${Buffer.alloc(32, 1).toString("base64")}`,
  DATA_DIR: dataDir,
});

afterAll(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete variables[name];
    else variables[name] = value;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

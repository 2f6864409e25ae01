import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type DbHandle, openPglite, openPostgres } from "@/db/client";

export interface ScratchDatabase {
  handle: DbHandle;
  label: string;
  cleanup: () => Promise<void>;
}

/**
 * A throwaway database for one benchmark run: a fresh database on the server in DATABASE_URL
 * (created here, dropped by cleanup), or an embedded PGlite in a temporary folder.
 */
export async function openScratchDatabase(): Promise<ScratchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `conduit_bench_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = openPostgres(url.toString(), { max: 4 });
    return {
      handle,
      label: `postgres (scratch database ${name} on ${url.host})`,
      cleanup: async () => {
        await handle.close();
        const drop = new pg.Client({ connectionString: serverUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-bench-"));
  const handle = await openPglite(dir);
  return {
    handle,
    label: `embedded PGlite (${dir})`,
    cleanup: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

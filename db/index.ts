/**
 * The app's database handle: one per process (on globalThis), Postgres or embedded PGlite, migrated
 * on first use (getDb).
 */
import path from "node:path";
import { env } from "@/lib/env";
import { type DbHandle, openPglite, openPostgres, runMigrations } from "./client";

// One handle per process. Next.js may evaluate this module in several bundles, so the handle
// lives on globalThis; the embedded database must only ever be opened once per data folder, and
// DATA_DIR is locked for this process while it is open (a second process is refused).
const globalForDb = globalThis as unknown as { conduitDb?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const { databaseUrl, dataDir } = env();
  const handle = databaseUrl
    ? openPostgres(databaseUrl)
    : await openPglite(path.join(dataDir, "pgdata"), { lockDir: dataDir });
  try {
    await runMigrations(handle);
  } catch (error) {
    await handle.close(); // releases DATA_DIR; the next call opens afresh
    throw error;
  }
  return handle;
}

/**
 * The app's database, migrated on first use. Rejects with DataDirInUseError (another process has
 * DATA_DIR) or EmbeddedDatabaseUnreadableError (the folder is damaged); both messages are plain.
 */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.conduitDb ??= open().catch((error) => {
    globalForDb.conduitDb = undefined;
    throw error;
  });
  return globalForDb.conduitDb;
}

export async function getDb() {
  return (await getDbHandle()).db;
}

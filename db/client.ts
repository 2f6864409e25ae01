/**
 * Opening the database on either driver (node-postgres or PGlite), the Db and DbHandle types, and
 * running migrations.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.mjs";
import { EmbeddedDatabaseUnreadableError } from "./embedded-database-error";

/** A Drizzle handle on either driver; a transaction is one too, so lib code takes `Db` for both. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface DbHandle {
  db: Db;
  driver: "pg" | "pglite";
  /** Present for the pg driver: COPY and other raw-protocol work needs a pool client. */
  pool?: pg.Pool;
  /** Present for the PGlite driver. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// pg_trgm backs the catalog search indexes (migration 0003; on Postgres it is a trusted extension).
const PGLITE_EXTENSIONS = { extensions: { pg_trgm } };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle client error", error.message));
  // A checked-out client has no error listener of its own: a session ended by the server mid-query
  // (idle-in-transaction timeout, restart) would otherwise be an unhandled error that kills the process.
  pool.on("connect", (client) => client.on("error", (error) => console.error("[db] client error", error.message)));
  return { db: drizzlePg(pool) as unknown as Db, driver: "pg", pool, close: () => pool.end() };
}

export interface OpenPgliteOptions {
  /**
   * The data folder to hold exclusively while open (db/data-dir-lock.mjs): a second process is
   * refused with DataDirInUseError instead of opening the same files. The app passes DATA_DIR.
   */
  lockDir?: string;
}

/**
 * dataDir undefined means in memory (tests). A folder that exists but cannot be opened (PGlite
 * "Aborted()", no valid checkpoint record…) throws EmbeddedDatabaseUnreadableError, whose message
 * says what happened and how to restore a backup.
 */
export async function openPglite(dataDir?: string, options: OpenPgliteOptions = {}): Promise<DbHandle> {
  if (!dataDir) {
    const memory = new PGlite(PGLITE_EXTENSIONS);
    await memory.waitReady;
    return {
      db: drizzlePglite(memory) as unknown as Db,
      driver: "pglite",
      pglite: memory,
      close: () => memory.close(),
    };
  }
  const lock = options.lockDir ? lockDataDir(options.lockDir) : undefined;
  const existed = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  let pglite: PGlite;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    pglite = new PGlite(dataDir, PGLITE_EXTENSIONS);
    await pglite.waitReady;
  } catch (error) {
    lock?.release();
    throw new EmbeddedDatabaseUnreadableError(dataDir, error, { existed, lockDir: options.lockDir });
  }
  const close = async () => {
    try {
      await pglite.close();
    } finally {
      lock?.release();
    }
  };
  return { db: drizzlePglite(pglite) as unknown as Db, driver: "pglite", pglite, close };
}

export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.driver === "pg") {
    await migratePg(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

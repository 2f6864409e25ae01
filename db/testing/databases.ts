/**
 * Fresh, migrated test databases: in-memory PGlite always, a uniquely named Postgres database when
 * TEST_DATABASE_URL is set.
 */
import crypto from "node:crypto";
import pg from "pg";
import { type DbHandle, openPglite, openPostgres, runMigrations } from "../client";

export interface TestDatabase {
  name: "pglite" | "postgres";
  handle: DbHandle;
  /** Connection string of the real database (postgres only), for child processes. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated in-memory PGlite. */
export async function createPgliteTestDb(): Promise<TestDatabase> {
  const handle = await openPglite();
  await runMigrations(handle);
  return { name: "pglite", handle, drop: () => handle.close() };
}

/** A fresh, uniquely named, migrated database on the server in TEST_DATABASE_URL; dropped by drop(). */
export async function createPostgresTestDb(serverUrl = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `conduit_test_${Date.now()}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString());
  await runMigrations(handle);
  return {
    name: "postgres",
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** The databases every database test runs on: PGlite always, real Postgres when configured. */
export function testDatabaseKinds(): Array<"pglite" | "postgres"> {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export function createTestDb(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  return kind === "pglite" ? createPgliteTestDb() : createPostgresTestDb();
}

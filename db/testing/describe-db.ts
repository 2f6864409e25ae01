/** Test suite helpers that run a suite once per available database (PGlite, and Postgres when configured) or on one. */
import { afterAll, beforeAll, describe } from "vitest";
import type { Db, DbHandle } from "../client";
import { createTestDb, type TestDatabase, testDatabaseKinds } from "./databases";

export interface DbContext {
  db: Db;
  handle: DbHandle;
  kind: "pglite" | "postgres";
  url?: string;
}

/**
 * Runs a suite once per available database (in-memory PGlite, plus real Postgres when
 * TEST_DATABASE_URL is set). The context is filled in beforeAll, so read it inside tests.
 */
export function describeEachDb(title: string, body: (ctx: DbContext) => void): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      const ctx = { kind } as DbContext;
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDb(kind);
        ctx.db = database.handle.db;
        ctx.handle = database.handle;
        ctx.url = database.url;
      });
      afterAll(async () => {
        await database?.drop();
      });
      body(ctx);
    });
  }
}

/** Only on real Postgres (concurrency, SKIP LOCKED, child processes); skipped without it. */
export function describePostgres(title: string, body: (ctx: DbContext) => void): void {
  const run = process.env.TEST_DATABASE_URL ? describe : describe.skip;
  run(`${title} [postgres]`, () => {
    const ctx = { kind: "postgres" } as DbContext;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDb("postgres");
      ctx.db = database.handle.db;
      ctx.handle = database.handle;
      ctx.url = database.url;
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(ctx);
  });
}

/**
 * For slow scale tests where one database is enough: real Postgres when TEST_DATABASE_URL is set
 * (memory figures then measure the app, not an in-process database), else in-memory PGlite.
 */
export function describeOneDb(title: string, body: (ctx: DbContext) => void): void {
  if (process.env.TEST_DATABASE_URL) describePostgres(title, body);
  else describeEachDb(title, body);
}

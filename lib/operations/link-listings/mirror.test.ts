/**
 * The mirror's chunks (./mirror.ts): migration 0015 turns a per-product mirror into one changes
 * chunk with the same products; a mirror whose full pass was copied into chunks still reads until
 * the next full pass; changes chunks overlay the full pass's rows, the newest copy wins; an
 * incremental pass folds the changes chunks into one once MAX_CHANGE_CHUNKS exist. (A full pass's
 * staging steps kept as the mirror: ./incremental.sandbox.test.ts.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { type DbHandle, MIGRATIONS_FOLDER, openPglite } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { loadMirrorProducts, loadMirrorState, MAX_CHANGE_CHUNKS, type MirrorProduct, writeMirror } from "./mirror";

let handle: DbHandle | undefined;
let folder: string | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A copy of db/migrations whose journal ends at `lastTag`. */
function migrationsUpTo(lastTag: string): string {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: Array<{ tag: string }> };
  const end = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(end).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, end + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const product = (id: string, upc: string | null, lastModified: string | null = null): MirrorProduct => ({
  id,
  upc,
  ean: null,
  gtin: null,
  asin: null,
  mpn: null,
  lastModified,
});

async function newWorkspace(db: DbHandle["db"]): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`insert into workspaces (name) values ('W') returning id`));
  return row!.id;
}

describe("link mirror chunks", () => {
  it("migration 0015 keeps every product of a per-product mirror, and its count", async () => {
    handle = await openPglite();
    const db = handle.db;
    await migrate(db as never, { migrationsFolder: migrationsUpTo("0014_alerts_outbox_attachments") });
    const workspaceId = await newWorkspace(db);
    const channelId = "00000000-0000-4000-8000-000000000001";
    await db.execute(sql`
      insert into link_mirror_state (workspace_id, channel_id, company_id, full_at, pass_at, has_ean)
      values (${workspaceId}, ${channelId}, 1, now(), now(), true)`);
    await db.execute(sql`
      insert into link_product_mirror (workspace_id, channel_id, product_id, company_id, upc, ean, last_modified)
      values (${workspaceId}, ${channelId}, 'B-2', 1, '036000291452', '4006381333931', '2026-11-01T10:00:00'),
             (${workspaceId}, ${channelId}, 'A-1', 1, null, null, null)`);
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });

    const scope = { workspaceId, channelId };
    const mirror = await loadMirrorProducts(db, scope);
    expect(mirror.products).toEqual([
      { ...product("A-1", null) },
      { ...product("B-2", "036000291452", "2026-11-01T10:00:00"), ean: "4006381333931" },
    ]);
    expect((await loadMirrorState(db, scope))?.products).toBe(2);
  });

  it("reads a mirror whose full pass was copied into chunks (before 0018) until a full pass replaces it", async () => {
    handle = await openPglite();
    const db = handle.db;
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const workspaceId = await newWorkspace(db);
    const scope = { workspaceId, channelId: "00000000-0000-4000-8000-000000000003" };
    await db.execute(sql`
      insert into link_mirror_state (workspace_id, channel_id, company_id, full_at, pass_at, has_ean, products)
      values (${workspaceId}, ${scope.channelId}, 1, now(), now(), true, 2)`);
    await db.execute(sql`
      insert into link_mirror_chunks (workspace_id, channel_id, seq, kind, rows) values
        (${workspaceId}, ${scope.channelId}, 1, 'catalog', ${JSON.stringify([["A-1", "036000291452", null, null, null, null, null]])}::json),
        (${workspaceId}, ${scope.channelId}, 2, 'catalog', ${JSON.stringify([["B-2", null, null, null, null, null, "2026-11-01T10:00:00"]])}::json),
        (${workspaceId}, ${scope.channelId}, 3, 'inventory', ${JSON.stringify([["B-2", "4006381333931"]])}::json),
        (${workspaceId}, ${scope.channelId}, 4, 'changes', ${JSON.stringify([["A-1", "012345678905", null, null, null, null, null]])}::json)`);
    expect((await loadMirrorProducts(db, scope)).products).toEqual([
      product("A-1", "012345678905"),
      { ...product("B-2", null, "2026-11-01T10:00:00"), ean: "4006381333931" },
    ]);

    // A full pass (with no staging rows here) replaces every chunk and becomes the base.
    const [run] = rowsOf<{ id: string }>(await db.execute(sql`select gen_random_uuid() as id`));
    const full = { kind: "full", runId: run!.id, startedAt: new Date(), companyId: 1, maxModified: null } as const;
    await writeMirror(db, scope, { ...full, readEan: true, products: 0 });
    expect((await loadMirrorProducts(db, scope)).products).toEqual([]);
    expect((await loadMirrorState(db, scope))?.baseRunId).toBe(run!.id);
  });

  it("overlays changes chunks newest last, and folds them into one past MAX_CHANGE_CHUNKS", async () => {
    handle = await openPglite();
    const db = handle.db;
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const workspaceId = await newWorkspace(db);
    const scope = { workspaceId, channelId: "00000000-0000-4000-8000-000000000002" };
    const [run] = rowsOf<{ id: string }>(await db.execute(sql`select gen_random_uuid() as id`));
    const pass = (kind: "full" | "incremental", products: number) => ({
      kind,
      runId: run!.id,
      startedAt: new Date(),
      companyId: 1,
      maxModified: null,
      readEan: true,
      products,
    });
    // A full pass with no staging rows: an empty mirror with its state.
    await writeMirror(db, scope, pass("full", 0));
    for (let i = 1; i <= MAX_CHANGE_CHUNKS + 2; i++) {
      const mirror = await loadMirrorProducts(db, scope);
      // Product P-<i> is new each pass; P-0 changes every pass.
      const read = [product("P-0", String(i)), product(`P-${i}`, `u${i}`)];
      await writeMirror(db, scope, pass("incremental", i + 1), {
        read,
        earlier: mirror.changes,
        chunks: mirror.changeChunks,
      });
    }
    const mirror = await loadMirrorProducts(db, scope);
    // Folded once 24 chunks existed: one chunk holding the 25 passes before, then pass 26's chunk.
    expect(mirror.changeChunks).toBe(2);
    expect(mirror.products).toHaveLength(MAX_CHANGE_CHUNKS + 3);
    expect(mirror.products.find((p) => p.id === "P-0")?.upc).toBe(String(MAX_CHANGE_CHUNKS + 2));
    expect(mirror.products.find((p) => p.id === "P-7")?.upc).toBe("u7");
    expect((await loadMirrorState(db, scope))?.products).toBe(MAX_CHANGE_CHUNKS + 3);
  });
});

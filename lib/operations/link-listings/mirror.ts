/**
 * The channel's mirror of SellerCloud (db/schema/link-mirror.ts): the identifiers of every
 * product of its company, as the last passes left them, and when the last pass ran. It is kept in
 * a few large chunks: a full pass's staging steps, copied as they are (one statement, no row per
 * product), then one chunk per incremental pass with the products SellerCloud said changed, which
 * replace their earlier rows. The match step reads the mirror instead of paging the unchanged rest
 * of SellerCloud.
 */

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { linkMirrorChunks, linkMirrorState } from "@/db/schema/link-mirror";
import { linkStagingPages } from "@/db/schema/catalog";
import type { SellerCloudProductIds } from "@/lib/linking/index";
import { joinSteps, loadedRows, type StagedEan, type StagedProduct, type StepRows } from "./staging";

/** A product's identifiers with its LastModifiedDate (SellerCloud's clock, as sent). */
export type MirrorProduct = SellerCloudProductIds & { lastModified: string | null };

export type MirrorState = typeof linkMirrorState.$inferSelect;

interface Scope {
  workspaceId: string;
  channelId: string;
}

/**
 * Changes chunks an incremental pass may leave before it folds them into one: loading overlays
 * every chunk, so hourly runs with a rare full re-check must not pile up thousands of them.
 */
export const MAX_CHANGE_CHUNKS = 24;

const own = (scope: Scope) =>
  and(eq(linkMirrorChunks.workspaceId, scope.workspaceId), eq(linkMirrorChunks.channelId, scope.channelId));

/** The channel's mirror state (with `products`, the distinct products held), or null before its first full pass. */
export async function loadMirrorState(db: Db, scope: Scope): Promise<MirrorState | null> {
  const [state] = await db
    .select()
    .from(linkMirrorState)
    .where(and(eq(linkMirrorState.workspaceId, scope.workspaceId), eq(linkMirrorState.channelId, scope.channelId)));
  return state ?? null;
}

/** What the mirror holds: every product, and the changes chunks' products (for folding them). */
export interface MirrorContents {
  products: MirrorProduct[];
  /** The products of every changes chunk, newest copy of each. */
  changes: MirrorProduct[];
  /** How many changes chunks there are. */
  changeChunks: number;
}

/**
 * Every product the channel's mirror holds: the full pass's catalog chunks with their EANs
 * (./staging.ts joinSteps), overlaid by the changes chunks in order (a newer chunk's product
 * replaces an older copy whole; within a chunk the first copy wins).
 */
export async function loadMirrorProducts(db: Db, scope: Scope): Promise<MirrorContents> {
  const rows = rowsOf<{ kind: "catalog" | "inventory" | "changes"; rows: Array<Array<string | null>> }>(
    await db.execute(sql`
      select ${linkMirrorChunks.kind} as kind, ${linkMirrorChunks.rows} as rows from ${linkMirrorChunks}
      where ${own(scope)} order by ${linkMirrorChunks.seq}`),
  );
  const catalog: StepRows<StagedProduct>[] = [];
  const inventory: StepRows<StagedEan>[] = [];
  const changeChunks: StagedProduct[][] = [];
  for (const row of rows) {
    if (row.kind === "catalog") catalog.push(loadedRows(row.rows as StagedProduct[], true));
    else if (row.kind === "inventory") inventory.push(loadedRows(row.rows as StagedEan[], false));
    else changeChunks.push(row.rows as StagedProduct[]);
  }
  // The chunks are held by the lists above now: joinSteps lets each go once it is read.
  rows.length = 0;
  const base = joinSteps(catalog, inventory);
  // Newest chunk first and the first copy within a chunk: the copy kept is the newest one.
  const newest = new Map<string, MirrorProduct>();
  for (let c = changeChunks.length - 1; c >= 0; c--) {
    for (const p of changeChunks[c]!) if (!newest.has(p[0])) newest.set(p[0], fromRow(p));
  }
  const changes = [...newest.values()];
  return { products: overlayChanges(base, changes), changes, changeChunks: changeChunks.length };
}

const fromRow = ([id, upc, gtin, asin, mpn, ean, lastModified]: StagedProduct): MirrorProduct => ({
  id,
  upc,
  gtin,
  asin,
  mpn,
  ean,
  lastModified: lastModified ?? null,
});

const toRow = (p: MirrorProduct): StagedProduct => [
  p.id,
  p.upc ?? null,
  p.gtin ?? null,
  p.asin ?? null,
  p.mpn ?? null,
  p.ean ?? null,
  p.lastModified,
];

/** The products overlaid with the changed ones (a changed product replaces its row whole), in mirror order then new. */
export function overlayChanges(mirror: MirrorProduct[], changed: MirrorProduct[]): MirrorProduct[] {
  const byId = new Map<string, MirrorProduct>();
  for (const p of changed) if (!byId.has(p.id)) byId.set(p.id, p);
  const out: MirrorProduct[] = [];
  for (const p of mirror) {
    const next = byId.get(p.id);
    if (next) byId.delete(p.id);
    out.push(next ?? p);
  }
  for (const p of byId.values()) out.push(p);
  return out;
}

/** The latest LastModifiedDate among the products (string order: SellerCloud sends ISO-like dates). */
export function latestModified(products: Iterable<MirrorProduct>, start: string | null): string | null {
  let latest = start;
  for (const p of products) if (p.lastModified && (latest === null || p.lastModified > latest)) latest = p.lastModified;
  return latest;
}

/** Distinct product IDs among `products`. */
export function distinctProducts(products: readonly MirrorProduct[]): number {
  return new Set(products.map((p) => p.id)).size;
}

/**
 * Writes a pass into the mirror, in the caller's transaction. A full pass replaces the channel's
 * chunks with the run's staging steps (`runId`), copied inside the database as they are (catalog
 * steps, then inventory steps, each in page order); an incremental pass adds `changes.read` (the
 * products it read) as the next changes chunk, or, once MAX_CHANGE_CHUNKS exist, replaces them all
 * with one chunk of `changes.earlier` (the chunks' products, ./loadMirrorProducts) overlaid by what
 * it read. The state row records the pass (`startedAt`: Conduit's clock when it began), the latest
 * LastModifiedDate now mirrored and `products`, the distinct products the mirror now holds.
 */
export async function writeMirror(
  tx: Db,
  scope: Scope,
  pass: {
    kind: "full" | "incremental";
    runId: string;
    startedAt: Date;
    companyId: number;
    maxModified: string | null;
    readEan: boolean;
    products: number;
  },
  changes: { read: MirrorProduct[]; earlier: MirrorProduct[]; chunks: number } = { read: [], earlier: [], chunks: 0 },
): Promise<void> {
  if (pass.kind === "full") {
    await tx.delete(linkMirrorChunks).where(own(scope));
    await tx.execute(sql`
      insert into ${linkMirrorChunks} (workspace_id, channel_id, seq, kind, rows)
      select ${scope.workspaceId}, ${scope.channelId},
        (row_number() over (order by ${linkStagingPages.phase} = 'inventory', ${linkStagingPages.fromPage}))::int,
        ${linkStagingPages.phase}, ${linkStagingPages.rows}
      from ${linkStagingPages}
      where ${linkStagingPages.workspaceId} = ${scope.workspaceId} and ${linkStagingPages.runId} = ${pass.runId}`);
  } else if (changes.read.length > 0) {
    const fold = changes.chunks >= MAX_CHANGE_CHUNKS;
    if (fold) await tx.delete(linkMirrorChunks).where(and(own(scope), eq(linkMirrorChunks.kind, "changes")));
    const rows = (fold ? overlayChanges(changes.earlier, changes.read) : changes.read).map(toRow);
    await tx.execute(sql`
      insert into ${linkMirrorChunks} (workspace_id, channel_id, seq, kind, rows)
      select ${scope.workspaceId}, ${scope.channelId}, coalesce(max(${linkMirrorChunks.seq}), 0) + 1, 'changes',
        ${JSON.stringify(rows)}::json
      from ${linkMirrorChunks} where ${own(scope)}`);
  }
  const values = {
    workspaceId: scope.workspaceId,
    channelId: scope.channelId,
    companyId: pass.companyId,
    fullAt: pass.startedAt,
    passAt: pass.startedAt,
    maxModified: pass.maxModified,
    hasEan: pass.readEan,
    products: pass.products,
  };
  await tx
    .insert(linkMirrorState)
    .values(values)
    .onConflictDoUpdate({
      target: [linkMirrorState.workspaceId, linkMirrorState.channelId],
      set:
        pass.kind === "full"
          ? {
              companyId: values.companyId,
              fullAt: values.fullAt,
              passAt: values.passAt,
              maxModified: values.maxModified,
              hasEan: values.hasEan,
              products: values.products,
            }
          : // Rows rewritten without their EAN leave the copy without EANs until a full pass reads them.
            {
              passAt: values.passAt,
              maxModified: values.maxModified,
              products: values.products,
              ...(!pass.readEan && { hasEan: false }),
            },
    });
}

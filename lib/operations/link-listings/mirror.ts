/**
 * The channel's mirror of SellerCloud (db/schema/link-mirror.ts): the identifiers of every
 * product of its company, as the last passes left them, and when the last pass ran. It is kept in
 * a few large pieces: the last full pass's staging steps, kept where they were written (no copy,
 * no row per product), then one chunk per incremental pass with the products SellerCloud said
 * changed, which replace their earlier rows. The match step reads the mirror instead of paging the
 * unchanged rest of SellerCloud.
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
 * Every product the channel's mirror holds: the last full pass's catalog steps with their EANs
 * (./staging.ts joinSteps; its staging steps, or the chunks of a mirror filled before migration
 * 0018), overlaid by the changes chunks in order (a newer chunk's product replaces an older copy
 * whole; within a chunk the first copy wins).
 */
export async function loadMirrorProducts(db: Db, scope: Scope): Promise<MirrorContents> {
  // The base run's steps first (catalog, then inventory, each in page order), then the chunks.
  const rows = rowsOf<{ kind: "catalog" | "inventory" | "changes"; rows: Array<Array<string | null>> }>(
    await db.execute(sql`
      select kind, rows from (
        select 0 as part, (${linkStagingPages.phase} = 'inventory')::int as ord, ${linkStagingPages.fromPage} as seq,
          ${linkStagingPages.phase} as kind, ${linkStagingPages.rows} as rows
        from ${linkStagingPages} join ${linkMirrorState}
          on ${linkMirrorState.workspaceId} = ${linkStagingPages.workspaceId}
          and ${linkMirrorState.baseRunId} = ${linkStagingPages.runId}
        where ${linkMirrorState.workspaceId} = ${scope.workspaceId} and ${linkMirrorState.channelId} = ${scope.channelId}
        union all
        select 1, 0, ${linkMirrorChunks.seq}, ${linkMirrorChunks.kind}, ${linkMirrorChunks.rows}
        from ${linkMirrorChunks} where ${own(scope)}
      ) as mirror order by part, ord, seq`),
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

/**
 * Writes a pass into the mirror, in the caller's transaction. A full pass makes the run's staging
 * steps (`runId`) the mirror's rows, where they are (the caller must not delete them): it deletes
 * the channel's chunks and the previous full pass's staging steps, and records the run as the
 * base. (Copying them cost bench:link's 200k-product run about 0.3 s of PGlite's time.) An
 * incremental pass adds `changes.read` (the products it read) as the next changes chunk, or, once
 * MAX_CHANGE_CHUNKS exist, replaces them all with one chunk of `changes.earlier` (the chunks'
 * products, ./loadMirrorProducts) overlaid by what it read. The state row records the pass
 * (`startedAt`: Conduit's clock when it began), the latest LastModifiedDate now mirrored and
 * `products`, the distinct products the mirror now holds.
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
      delete from ${linkStagingPages}
      where ${linkStagingPages.workspaceId} = ${scope.workspaceId} and ${linkStagingPages.runId} <> ${pass.runId}
        and ${linkStagingPages.runId} = (select ${linkMirrorState.baseRunId} from ${linkMirrorState}
          where ${linkMirrorState.workspaceId} = ${scope.workspaceId} and ${linkMirrorState.channelId} = ${scope.channelId})`);
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
    baseRunId: pass.kind === "full" ? pass.runId : null,
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
              baseRunId: values.baseRunId,
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

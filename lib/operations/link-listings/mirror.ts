/**
 * The channel's mirror of SellerCloud (db/schema/link-mirror.ts): the identifiers of every
 * product of its company, as the last pass left them, and when that pass ran. A full pass
 * replaces the channel's rows; an incremental pass overwrites the products SellerCloud said
 * changed. The match step reads the mirror instead of paging the unchanged rest of SellerCloud.
 */

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { anyOf } from "@/db/any-of";
import { type BulkColumn, copyRows } from "@/db/bulk";
import { rowsOf } from "@/db/rows";
import { linkMirrorState, linkProductMirror } from "@/db/schema/link-mirror";
import type { SellerCloudProductIds } from "@/lib/linking/index";

/** A product's identifiers with its LastModifiedDate (SellerCloud's clock, as sent). */
export type MirrorProduct = SellerCloudProductIds & { lastModified: string | null };

export type MirrorState = typeof linkMirrorState.$inferSelect;

interface Scope {
  workspaceId: string;
  channelId: string;
}

const COLUMNS: BulkColumn[] = [
  { name: "workspace_id", type: "uuid" },
  { name: "channel_id", type: "uuid" },
  { name: "product_id", type: "text" },
  { name: "company_id", type: "integer" },
  { name: "upc", type: "text" },
  { name: "ean", type: "text" },
  { name: "gtin", type: "text" },
  { name: "asin", type: "text" },
  { name: "mpn", type: "text" },
  { name: "last_modified", type: "text" },
];

/** The channel's mirror state and how many products it holds, or null before its first full pass. */
export async function loadMirrorState(db: Db, scope: Scope): Promise<(MirrorState & { products: number }) | null> {
  const [state] = await db
    .select()
    .from(linkMirrorState)
    .where(and(eq(linkMirrorState.workspaceId, scope.workspaceId), eq(linkMirrorState.channelId, scope.channelId)));
  if (!state) return null;
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(linkProductMirror)
    .where(and(eq(linkProductMirror.workspaceId, scope.workspaceId), eq(linkProductMirror.channelId, scope.channelId)));
  return { ...state, products: count?.n ?? 0 };
}

/** Every product the channel's mirror holds (raw rows: one object each, no mapped copy). */
export async function loadMirrorProducts(db: Db, scope: Scope): Promise<MirrorProduct[]> {
  const result = await db.execute(sql`
    select ${linkProductMirror.productId} as id, ${linkProductMirror.upc} as upc, ${linkProductMirror.ean} as ean,
      ${linkProductMirror.gtin} as gtin, ${linkProductMirror.asin} as asin, ${linkProductMirror.mpn} as mpn,
      ${linkProductMirror.lastModified} as "lastModified"
    from ${linkProductMirror}
    where ${linkProductMirror.workspaceId} = ${scope.workspaceId} and ${linkProductMirror.channelId} = ${scope.channelId}`);
  return rowsOf<MirrorProduct>(result);
}

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

const rowOf = (scope: Scope, companyId: number, p: MirrorProduct) => ({
  workspace_id: scope.workspaceId,
  channel_id: scope.channelId,
  product_id: p.id,
  company_id: companyId,
  upc: p.upc ?? null,
  ean: p.ean ?? null,
  gtin: p.gtin ?? null,
  asin: p.asin ?? null,
  mpn: p.mpn ?? null,
  last_modified: p.lastModified,
});

/**
 * Writes a pass into the mirror, in the caller's transaction: a full pass replaces the channel's
 * rows with `products`; an incremental one replaces only the rows of `products` (the changed
 * ones). The state row records the pass (`startedAt`: Conduit's clock when it began) and the
 * latest LastModifiedDate now mirrored.
 */
export async function writeMirror(
  tx: Db,
  scope: Scope,
  pass: {
    kind: "full" | "incremental";
    startedAt: Date;
    companyId: number;
    maxModified: string | null;
    readEan: boolean;
  },
  products: MirrorProduct[],
): Promise<void> {
  const own = and(
    eq(linkProductMirror.workspaceId, scope.workspaceId),
    eq(linkProductMirror.channelId, scope.channelId),
  );
  if (pass.kind === "full") await tx.delete(linkProductMirror).where(own);
  else if (products.length > 0) {
    await tx.delete(linkProductMirror).where(
      and(
        own,
        anyOf(
          linkProductMirror.productId,
          products.map((p) => p.id),
        ),
      ),
    );
  }
  // First copy of a product wins (a product seen twice while the catalog shifted), as in matching.
  const seen = new Set<string>();
  const rows = [];
  for (const p of products) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    rows.push(rowOf(scope, pass.companyId, p));
  }
  await copyRows(tx, "link_product_mirror", COLUMNS, rows);
  const values = {
    workspaceId: scope.workspaceId,
    channelId: scope.channelId,
    companyId: pass.companyId,
    fullAt: pass.startedAt,
    passAt: pass.startedAt,
    maxModified: pass.maxModified,
    hasEan: pass.readEan,
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
            }
          : // Rows rewritten without their EAN leave the copy without EANs until a full pass reads them.
            { passAt: values.passAt, maxModified: values.maxModified, ...(!pass.readEan && { hasEan: false }) },
    });
}

/**
 * A Link Listings run's CSVs, read from the run's own events (so a dry run exports too, and the
 * files show what the run saw): the variants it could not link, and the SellerCloud products whose
 * own codes failed validation.
 */

import { Readable } from "node:stream";
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runEvents } from "@/db/schema/runs";
import { csvWriter } from "@/lib/csv/write";

export type LinkIssueCode = "unmatched" | "ambiguous" | "conflict" | "invalid_code";

/** The CSV's header: the variant's SKU, the event code and message, its identifiers, the candidate products. */
export const LINK_ISSUES_CSV_COLUMNS = ["sku", "status", "message", "upc", "ean", "gtin", "asin", "mpn", "candidates"];

/**
 * A stream of the run's CSV (header LINK_ISSUES_CSV_COLUMNS, one row per variant event with a code
 * in `codes`, default unmatched and ambiguous), read `pageSize` events at a time (default 5,000) by
 * event id, scoped to the workspace. Identifiers come from the events' details (./events.ts).
 */
export function exportLinkRunIssuesCsv(
  db: Db,
  workspaceId: string,
  runId: string,
  options: { codes?: LinkIssueCode[]; pageSize?: number } = {},
): Readable {
  const codes = options.codes ?? ["unmatched", "ambiguous"];
  const pageSize = options.pageSize ?? 5000;

  async function* records(): AsyncGenerator<string[]> {
    let after = 0;
    for (;;) {
      const page = await db
        .select({
          id: runEvents.id,
          entityId: runEvents.entityId,
          code: runEvents.code,
          message: runEvents.message,
          details: runEvents.details,
        })
        .from(runEvents)
        .where(
          and(
            eq(runEvents.workspaceId, workspaceId),
            eq(runEvents.runId, runId),
            eq(runEvents.entity, "variant"),
            inArray(runEvents.code, codes),
            gt(runEvents.id, after),
          ),
        )
        .orderBy(asc(runEvents.id))
        .limit(pageSize);
      for (const event of page) {
        const details = (event.details ?? {}) as { identifiers?: Record<string, string>; candidates?: string[] };
        const ids = details.identifiers ?? {};
        yield [
          event.entityId ?? "",
          event.code,
          event.message,
          ids.upc ?? "",
          ids.ean ?? "",
          ids.gtin ?? "",
          ids.asin ?? "",
          ids.mpn ?? "",
          (details.candidates ?? []).join(" "),
        ];
      }
      if (page.length < pageSize) return;
      after = page.at(-1)!.id;
    }
  }

  return Readable.from(records()).pipe(csvWriter(LINK_ISSUES_CSV_COLUMNS));
}

/** The header of the invalid SellerCloud codes CSV: the product's SellerCloud SKU, the field, its value and why it fails. */
export const INVALID_PRODUCT_CODES_CSV_COLUMNS = ["sellercloud_sku", "field", "value", "reason"];

/**
 * A stream of the SellerCloud products whose own code failed validation in the run (header
 * INVALID_PRODUCT_CODES_CSV_COLUMNS; one row per product and field, in the run's order), read from
 * its "invalid_product_codes" events (./events.ts invalidProductCodesEvents) and, for runs recorded
 * before those, its per-product "invalid_code" events; so the file shows the codes as the run read
 * them. Scoped to the workspace.
 */
export function exportInvalidProductCodesCsv(db: Db, workspaceId: string, runId: string): Readable {
  async function* records(): AsyncGenerator<string[]> {
    const events = await db
      .select({ code: runEvents.code, details: runEvents.details })
      .from(runEvents)
      .where(
        and(
          eq(runEvents.workspaceId, workspaceId),
          eq(runEvents.runId, runId),
          or(
            eq(runEvents.code, "invalid_product_codes"),
            and(eq(runEvents.code, "invalid_code"), eq(runEvents.entity, "product")),
          ),
        ),
      )
      .orderBy(asc(runEvents.id));
    for (const { code, details } of events) {
      if (code === "invalid_product_codes") {
        const { field, products } = (details ?? {}) as { field?: string; products?: Array<[string, string, string]> };
        for (const [sku, value, reason] of products ?? []) yield [sku, field ?? "", value, reason];
      } else {
        const note = (details ?? {}) as Partial<Record<"productId" | "field" | "value" | "reason", string>>;
        yield [note.productId ?? "", note.field ?? "", note.value ?? "", note.reason ?? ""];
      }
    }
  }
  return Readable.from(records()).pipe(csvWriter(INVALID_PRODUCT_CODES_CSV_COLUMNS));
}

import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runEvents } from "@/db/schema/runs";

/**
 * The variants a Link Listings run could not link, as CSV, read from the run's own events (so a dry
 * run exports too, and the file shows the identifiers as they were when the run looked at them).
 */

export type LinkIssueCode = "unmatched" | "ambiguous" | "conflict" | "invalid_code";

export const LINK_ISSUES_CSV_COLUMNS = ["sku", "status", "message", "upc", "ean", "gtin", "asin", "mpn", "candidates"];

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

  return Readable.from(records()).pipe(stringify({ header: true, columns: LINK_ISSUES_CSV_COLUMNS }));
}

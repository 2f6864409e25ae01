/**
 * The GET handler shared by a Link Listings run's CSV downloads (/api/runs/<id>/unmatched and
 * /api/runs/<id>/invalid-codes): signed in with workspace read access; 404 for a malformed id, a
 * run of another workspace or another operation.
 */

import type { Db } from "@/db/client";
import { getDb } from "@/db/index";
import type { CsvDownload } from "@/lib/catalog/queries";
import { notFound } from "@/lib/errors";
import { csvResponse } from "./csv-response";
import { jsonRoute } from "./handle";
import { idParam } from "./route-params";

/** A route's GET for the CSV `open` returns (null: not this workspace's Link Listings run). */
export function linkRunCsvRoute(open: (db: Db, workspaceId: string, runId: string) => Promise<CsvDownload | null>) {
  return jsonRoute(
    async (_request: Request, { params }: { params: Promise<{ id: string }> }, session) => {
      const id = idParam((await params).id, "That Link Listings run");
      const download = await open(await getDb(), session.workspaceId, id);
      if (!download) throw notFound("That Link Listings run");
      return csvResponse(download);
    },
    { capability: "workspace.read" },
  );
}

/** GET /api/runs/<id>/unmatched: a Link Listings run's unmatched variants as CSV. */

import { getDb } from "@/db/index";
import { notFound } from "@/lib/errors";
import { openLinkRunIssuesCsv } from "@/lib/catalog/queries";
import { csvResponse } from "@/lib/server/csv-response";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}/unmatched: a Link Listings run's unmatched and ambiguous variants as CSV. */
export const GET = jsonRoute(
  async (_request: Request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That Link Listings run");
    const download = await openLinkRunIssuesCsv(await getDb(), session.workspaceId, id);
    if (!download) throw notFound("That Link Listings run");
    return csvResponse(download);
  },
  { capability: "workspace.read" },
);

/** GET /api/runs/<id>/invalid-codes: the SellerCloud products whose codes failed validation in a Link Listings run, as CSV. */

import { getDb } from "@/db/index";
import { openLinkRunInvalidCodesCsv } from "@/lib/catalog/queries";
import { notFound } from "@/lib/errors";
import { csvResponse } from "@/lib/server/csv-response";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}/invalid-codes: one row per SellerCloud product and field whose code failed validation. */
export const GET = jsonRoute(
  async (_request: Request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That Link Listings run");
    const download = await openLinkRunInvalidCodesCsv(await getDb(), session.workspaceId, id);
    if (!download) throw notFound("That Link Listings run");
    return csvResponse(download);
  },
  { capability: "workspace.read" },
);

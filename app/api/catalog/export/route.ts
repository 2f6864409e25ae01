/** GET /api/catalog/export: the catalog as a CSV download. */

import { getDb } from "@/db/index";
import { notFound } from "@/lib/errors";
import { openCatalogExport } from "@/lib/catalog/queries";
import { csvResponse } from "@/lib/server/csv-response";
import { jsonRoute } from "@/lib/server/handle";

export const dynamic = "force-dynamic";

/** GET /api/catalog/export[?channelId=…]: the workspace's catalog as a streamed CSV download. */
export const GET = jsonRoute(
  async (request: Request, _context: unknown, session) => {
    const channelId = new URL(request.url).searchParams.get("channelId") || undefined;
    const download = await openCatalogExport(await getDb(), session.workspaceId, { channelId });
    if (!download) throw notFound("That channel");
    return csvResponse(download);
  },
  { capability: "workspace.read" },
);

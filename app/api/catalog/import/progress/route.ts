/** GET /api/catalog/import/progress: how far a running catalog import is. */

import { NextResponse } from "next/server";
import { readImportProgress } from "@/lib/catalog/import-progress";
import { jsonRoute } from "@/lib/server/handle";
import { isUuid } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/catalog/import/progress?importId=<uuid>: the rows a running catalog import of this
 * workspace has handled ({ rowsDone, finished }), or { rowsDone: null } when this server does not
 * know it (not started yet, or running on another server). Polled by the import page.
 */
export const GET = jsonRoute(
  async (request: Request, _context: unknown, session) => {
    const importId = new URL(request.url).searchParams.get("importId");
    const progress = isUuid(importId) ? readImportProgress(session.workspaceId, importId) : null;
    return NextResponse.json(progress ?? { rowsDone: null, finished: false });
  },
  { capability: "workspace.read" },
);

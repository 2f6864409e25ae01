/** GET /api/channels/<id>/sync-preview-shipments: shipments for the Sync Orders template preview. */

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { listSyncPreviewShipments } from "@/lib/orders/sync-preview-source";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/** The channel's recent Conduit shipments, per package, for the Sync Orders template editor's preview. */
export const GET = jsonRoute(
  async (_request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That channel");
    const shipments = await listSyncPreviewShipments(await getDb(), {
      workspaceId: session.workspaceId,
      channelId: id,
    });
    return NextResponse.json({ shipments });
  },
  { capability: "workspace.read" },
);

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { listSyncPreviewShipments } from "@/lib/orders/sync-preview-source";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";
import { requireApiSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** The channel's recent Conduit shipments, per package, for the Sync Orders template editor's preview. */
export const GET = jsonRoute(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const session = await requireApiSession();
  const id = idParam((await params).id, "That channel");
  const shipments = await listSyncPreviewShipments(await getDb(), { workspaceId: session.workspaceId, channelId: id });
  return NextResponse.json({ shipments });
});

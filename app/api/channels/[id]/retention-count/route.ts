/** GET /api/channels/<id>/retention-count: the orders the next personal-data clearing would touch. */

import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/index";
import { getChannelForWorkspace } from "@/lib/channels/channels";
import { countOrdersToClear } from "@/lib/orders/retention";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

const retentionSchema = z.enum(["keep", "30", "60", "90"]).optional().catch(undefined);

/** How many orders the next daily clearing would touch, for the saved or a proposed (`?retention=`) setting. */
export const GET = jsonRoute(
  async (request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That channel");
    const db = await getDb();
    await getChannelForWorkspace(db, session.workspaceId, id);
    const retention = retentionSchema.parse(new URL(request.url).searchParams.get("retention") ?? undefined);
    const count = await countOrdersToClear(db, session.workspaceId, id, { now: new Date(), retention });
    return NextResponse.json({ count, retention: retention ?? null });
  },
  { capability: "workspace.read" },
);

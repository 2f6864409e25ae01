/** GET /api/channels/<id>/status: a channel's status (draft, active, paused). */

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { getChannelForWorkspace } from "@/lib/channels/channels";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/channels/<id>/status: { status } ("draft", "active", "paused"…) of one of the
 * workspace's channels. A wizard page shown from the browser's history checks it, so a channel
 * activated since is not offered its setup again (issue 14 §11).
 */
export const GET = jsonRoute(
  async (_request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That channel");
    const channel = await getChannelForWorkspace(await getDb(), session.workspaceId, id);
    return NextResponse.json({ status: channel.status });
  },
  { capability: "workspace.read" },
);

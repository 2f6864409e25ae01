/** GET /api/runs/<id>: a run with its events, polled by the run page. */

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { notFound } from "@/lib/errors";
import { getRun, type RunEventLevel } from "@/lib/operations/queries";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

const LEVELS = new Set(["error", "warn", "info"] as const);
const isLevel = (value: string | null): value is RunEventLevel => LEVELS.has(value as RunEventLevel);

/**
 * A run with its events and their counts per level, polled by the run page while the run is live.
 * `?level=error|warn|info` lists only that level's events (the counts are always the run's).
 */
export const GET = jsonRoute(
  async (request, { params }: { params: Promise<{ id: string }> }, session) => {
    const id = idParam((await params).id, "That run");
    const level = new URL(request.url).searchParams.get("level");
    const detail = await getRun(await getDb(), {
      workspaceId: session.workspaceId,
      runId: id,
      eventLevel: isLevel(level) ? level : undefined,
    });
    if (!detail) throw notFound("That run");
    return NextResponse.json(detail);
  },
  { capability: "workspace.read" },
);

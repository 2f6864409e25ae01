import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { notFound } from "@/lib/errors";
import { getRun } from "@/lib/operations/queries";
import { jsonRoute } from "@/lib/server/handle";
import { idParam } from "@/lib/server/route-params";
import { requireApiSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** A run with its events, polled by the run page while the run is live. */
export const GET = jsonRoute(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const session = await requireApiSession();
  const id = idParam((await params).id, "That run");
  const detail = await getRun(await getDb(), { workspaceId: session.workspaceId, runId: id });
  if (!detail) throw notFound("That run");
  return NextResponse.json(detail);
});

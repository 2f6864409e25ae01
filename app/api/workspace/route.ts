import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/server/handle";
import { requireApiSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** Who am I: the signed-in user and workspace (401 JSON when signed out). */
export const GET = jsonRoute(async () => {
  const session = await requireApiSession();
  return NextResponse.json({ userId: session.userId, email: session.email, workspaceId: session.workspaceId });
});

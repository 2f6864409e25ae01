/** GET /api/workspace: the signed-in user and workspace. */

import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/server/handle";

export const dynamic = "force-dynamic";

/** Who am I: the signed-in user, workspace and role there (401 JSON when signed out). */
export const GET = jsonRoute(
  async (_request: Request, _context: unknown, session) => {
    return NextResponse.json({
      userId: session.userId,
      email: session.email,
      workspaceId: session.workspaceId,
      role: session.role,
    });
  },
  { capability: "account.self" },
);

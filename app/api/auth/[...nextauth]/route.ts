/**
 * Auth.js's endpoints (/api/auth/*). Form posts are read under a small cap first (413 beyond it), so
 * a huge body never reaches Auth.js's parser; the credentials check itself is throttled in
 * lib/server/auth.ts.
 */
import { NextRequest, NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { handlers } from "@/lib/server/auth";
import { BODY_LIMITS, withCappedBody } from "@/lib/server/request-body";

export const { GET } = handlers;

export async function POST(request: NextRequest): Promise<Response> {
  let capped: Request;
  try {
    capped = await withCappedBody(request, BODY_LIMITS.authForm);
  } catch (error) {
    if (isAppError(error))
      return NextResponse.json({ error: error.message, code: error.code }, { status: error.status });
    throw error;
  }
  return handlers.POST(new NextRequest(capped));
}

/** The vendor API: reject lines of one of the vendor's own fulfillment requests, with its `cdv_` key. */
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { jsonRoute } from "@/lib/server/handle";
import { readOptionalJsonBody } from "@/lib/server/request-body";
import { answerVendorRequest } from "@/lib/vendors/vendor-api";

export const dynamic = "force-dynamic";

/**
 * POST /api/vendor/requests/{id}/reject with `{ "lines"?: [orderItemId, …], "reason": "…" }` (no lines: every open line).
 * 200 with the request; 401 (key), 403 (another vendor's request), 404, 409 (canceled, shipped or
 * rejected), 422 (bad body, or no reason).
 */
export const POST = jsonRoute(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const { id } = await context.params;
    const authorization = request.headers.get("authorization");
    // An empty body means every open line.
    const body = (await readOptionalJsonBody(request)) ?? {};
    const result = await answerVendorRequest(await getDb(), { authorization, requestId: id, kind: "reject", body });
    return NextResponse.json(result);
  },
  { authenticatedBy: "apiKey" },
);

/** The vendor API: a vendor's own fulfillment requests as JSON, with its `cdv_` key. */
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { jsonRoute } from "@/lib/server/handle";
import { listVendorRequests } from "@/lib/vendors/vendor-api";

export const dynamic = "force-dynamic";

/**
 * GET /api/vendor/requests?state=open|canceled|all&limit=200 with `Authorization: Bearer cdv_…`:
 * `{ requests: [...] }` (lib/vendors/documents.ts RequestDocument), newest first. A pull vendor's
 * pending requests count as delivered once listed. 401 without a valid vendor key; 422 for a bad query.
 */
export const GET = jsonRoute(
  async (request: Request) => {
    const url = new URL(request.url);
    const result = await listVendorRequests(await getDb(), {
      authorization: request.headers.get("authorization"),
      query: Object.fromEntries(url.searchParams),
    });
    return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
  },
  { authenticatedBy: "apiKey" },
);

/** The vendor API: a vendor's own fulfillment requests as a CSV download (one row per line), with its `cdv_` key. */
import { getDb } from "@/db";
import { jsonRoute } from "@/lib/server/handle";
import { vendorRequestsCsv } from "@/lib/vendors/vendor-api";

export const dynamic = "force-dynamic";

/** GET /api/vendor/requests.csv?state=open|canceled|all: the same requests as the JSON list, as CSV. */
export const GET = jsonRoute(
  async (request: Request) => {
    const url = new URL(request.url);
    const csv = await vendorRequestsCsv(await getDb(), {
      authorization: request.headers.get("authorization"),
      query: Object.fromEntries(url.searchParams),
    });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="fulfillment-requests.csv"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { authenticatedBy: "apiKey" },
);

/** GET /api/runs/<id>/invalid-codes: the SellerCloud products whose codes failed validation in a Link Listings run, as CSV. */

import { openLinkRunInvalidCodesCsv } from "@/lib/catalog/queries";
import { linkRunCsvRoute } from "@/lib/server/link-run-csv-route";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}/invalid-codes: one row per SellerCloud product and field whose code failed validation. */
export const GET = linkRunCsvRoute(openLinkRunInvalidCodesCsv);

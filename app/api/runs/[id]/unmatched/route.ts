/** GET /api/runs/<id>/unmatched: a Link Listings run's unmatched and ambiguous variants as CSV. */

import { openLinkRunIssuesCsv } from "@/lib/catalog/queries";
import { linkRunCsvRoute } from "@/lib/server/link-run-csv-route";

export const dynamic = "force-dynamic";

/** GET /api/runs/{id}/unmatched: one row per unmatched or ambiguous variant, with its identifiers. */
export const GET = linkRunCsvRoute(openLinkRunIssuesCsv);

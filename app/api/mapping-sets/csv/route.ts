/** POST /api/mapping-sets/csv: reads a from,to CSV file into mapping set rows. */

import { NextResponse } from "next/server";
import { parseMappingSetCsv } from "@/lib/mapping/set-queries";
import { jsonRoute } from "@/lib/server/handle";
import { BODY_LIMITS, cappedBodyStream } from "@/lib/server/request-body";

export const dynamic = "force-dynamic";

/**
 * POST /api/mapping-sets/csv, body: a from,to CSV file as is (bytes, so its encoding is detected
 * on the server). Answers `{ entries }` for the mapping-set editor; nothing is saved until the set
 * is. Capped like every upload (BODY_LIMITS.csvUpload); a set holds at most MAX_SET_ENTRIES rows.
 */
export const POST = jsonRoute(
  async (request: Request, _context: unknown) => {
    const entries = await parseMappingSetCsv(cappedBodyStream(request, BODY_LIMITS.csvUpload, "The file"));
    return NextResponse.json({ entries });
  },
  { capability: "mappingSets.edit" },
);

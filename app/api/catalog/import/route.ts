/** POST /api/catalog/import: the streamed catalog CSV import. */

import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { importCatalogCsv } from "@/lib/catalog/import";
import { AppError } from "@/lib/errors";
import { trackImportProgress } from "@/lib/catalog/import-progress";
import { parseMappingParam } from "@/lib/catalog/input-schemas";
import { jsonRoute } from "@/lib/server/handle";
import { BODY_LIMITS, cappedBodyStream } from "@/lib/server/request-body";
import { isUuid } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";
// A 200k-row file takes a while; the body is read as it is imported, so this bounds the upload too.
export const maxDuration = 300;

/**
 * POST /api/catalog/import?mapping=<JSON>&importId=<uuid>, body: the CSV file as is.
 * The body is piped into the streamed import (read a batch at a time as rows are written), so a
 * large file never sits in memory. The rows handled so far are readable at
 * GET /api/catalog/import/progress?importId= while it runs (the upload's bytes run megabytes
 * ahead of the rows written, so they are no measure of progress). Files over
 * 100 MB (BODY_LIMITS.csvUpload) are refused with 413: at once when the browser declares the size,
 * else when the 100 MB mark is passed (rows before it are kept, as with any stopped import).
 */
export const POST = jsonRoute(
  async (request: Request, _context: unknown, session) => {
    const mapping = parseMappingParam(new URL(request.url).searchParams.get("mapping"));
    if (!mapping) throw new AppError("BAD_REQUEST", "Choose which columns to import before uploading the file.");
    if (!request.body)
      throw new AppError("VALIDATION", "The file is empty: it needs a header row and at least one data row.");
    const importId = new URL(request.url).searchParams.get("importId");
    const progress = isUuid(importId) ? trackImportProgress(session.workspaceId, importId) : null;
    const input = cappedBodyStream(request, BODY_LIMITS.csvUpload, "The file");
    try {
      const result = await importCatalogCsv(await getDb(), session.workspaceId, input, {
        mapping,
        maxErrors: 500,
        signal: request.signal,
        onProgress: progress?.report,
      });
      return NextResponse.json(result);
    } finally {
      progress?.finish();
    }
  },
  { capability: "catalog.edit" },
);

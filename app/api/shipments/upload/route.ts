/** POST /api/shipments/upload: record shipments from a CSV file. */

import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { getDb } from "@/db/index";
import { AppError } from "@/lib/errors";
import { jsonRoute } from "@/lib/server/handle";
import { BODY_LIMITS, readBodyBytes } from "@/lib/server/request-body";
import { importShipmentsCsv } from "@/lib/shipments/csv";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * POST /api/shipments/upload, body: the shipments CSV file as is (Content-Type text/csv).
 * A route handler, not a server action: server actions stop at 1 MB, and a 20,000-row file is
 * about that. The body is read as it arrives under the one upload cap (BODY_LIMITS.csvUpload,
 * 100 MB): past it the answer is 413 with a plain message, at once when the size is declared.
 * Answers the ShipmentCsvResult as JSON; a file that cannot be read is 400 with the reason.
 */
export const POST = jsonRoute(
  async (request: Request, _context: unknown, session) => {
    const bytes = await readBodyBytes(request, BODY_LIMITS.csvUpload, "The file");
    if (bytes.byteLength === 0) throw new AppError("VALIDATION", "The file is empty.");
    const result = await importShipmentsCsv(
      await getDb(),
      { workspaceId: session.workspaceId, userId: session.userId },
      // The bytes as sent: lib/csv detects the encoding (a Windows-1252 file is not UTF-8).
      bytes,
    );
    revalidatePath("/orders");
    return NextResponse.json(result);
  },
  { capability: "shipments.record" },
);

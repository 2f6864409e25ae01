/** csvResponse: turns a CSV download (filename and stream) into a streamed, no-store Response for route handlers. */
import { Readable } from "node:stream";
import type { CsvDownload } from "@/lib/catalog/queries";

/** A streamed CSV download: the body is pulled from the stream as the client reads, never buffered whole. */
export function csvResponse(download: CsvDownload): Response {
  return new Response(Readable.toWeb(download.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${download.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** GET /api/audit/export?who=&objectType=&objectId=&from=&to=: the filtered audit log as CSV (admins and owners). */

import { getDb } from "@/db/index";
import { exportAuditCsv } from "@/lib/audit/export";
import { readAuditFilter } from "@/lib/audit/filters";
import { jsonRoute } from "@/lib/server/handle";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(
  async (request: Request, _context: unknown, session) => {
    const { filter } = readAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
    const csv = await exportAuditCsv(await getDb(), session.workspaceId, filter);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { capability: "audit.read" },
);

/**
 * The audit log as CSV (Settings → Audit log → Export CSV): the filtered entries, newest first, one
 * row each, through lib/csv/write.ts so no cell runs as a spreadsheet formula.
 */
import type { Db } from "@/db/client";
import { csvText } from "@/lib/csv/write";
import { changesAsText } from "./diff";
import type { AuditFilter } from "./filters";
import { AUDIT_OBJECT_LABELS, isAuditObjectType } from "./kinds";
import { listAuditEntries } from "./queries";

export const AUDIT_CSV_COLUMNS = [
  "time_utc",
  "who",
  "ip",
  "user_agent",
  "object_type",
  "object_id",
  "object",
  "action",
  "summary",
  "changes",
] as const;

/** At most this many entries per export (the newest); the page says so when a filter matches more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The CSV text of the entries matching `filter` (at most AUDIT_EXPORT_LIMIT, newest first). */
export async function exportAuditCsv(db: Db, workspaceId: string, filter: AuditFilter): Promise<string> {
  const { entries } = await listAuditEntries(db, workspaceId, filter, { limit: AUDIT_EXPORT_LIMIT });
  return csvText(
    entries.map((e) => [
      e.at.toISOString(),
      e.actorLabel,
      e.ip ?? "",
      e.userAgent ?? "",
      isAuditObjectType(e.objectType) ? AUDIT_OBJECT_LABELS[e.objectType] : e.objectType,
      e.objectId,
      e.objectLabel,
      e.action,
      e.summary,
      changesAsText(e.changes),
    ]),
    AUDIT_CSV_COLUMNS,
  );
}

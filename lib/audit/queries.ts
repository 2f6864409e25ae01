/**
 * Reading the audit log: filtered pages for Settings → Audit log (newest first, keyset paging) and
 * the people who appear in it for the filter. Read only: there is no update or delete here or
 * anywhere in the app.
 */
import { and, asc, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type AuditEntry, auditLog } from "@/db/schema/audit";
import type { AuditFilter } from "./filters";

const DAY_MS = 24 * 60 * 60 * 1000;

function conditions(workspaceId: string, filter: AuditFilter): SQL[] {
  const where: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (filter.who) where.push(eq(auditLog.actorLabel, filter.who));
  if (filter.objectType) where.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) where.push(eq(auditLog.objectId, filter.objectId));
  if (filter.from) where.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(auditLog.at, new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS)));
  return where;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  next: { at: string; id: string } | null;
}

/** One page of entries matching `filter`, newest first; `after` continues from a previous page. */
export async function listAuditEntries(
  db: Db,
  workspaceId: string,
  filter: AuditFilter,
  options: { limit?: number; after?: { at: string; id: string } } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 10_000);
  const where = conditions(workspaceId, filter);
  if (options.after) {
    const at = new Date(options.after.at);
    where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, options.after.id))) as SQL);
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return {
    entries,
    next: rows.length > limit && last ? { at: last.at.toISOString(), id: last.id } : null,
  };
}

/** Everyone (and every API key) that appears in the workspace's log, for the person filter. */
export async function listAuditActors(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ label: auditLog.actorLabel })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(auditLog.actorLabel));
  return rows.map((r) => r.label);
}

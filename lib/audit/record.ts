/**
 * Recording to the audit log: who (a person, or an API key), when, what (object kind, id and name,
 * the action, a readable before → after diff) and from where (IP, user agent). Append only: this
 * module and the page's queries are the only code touching audit_log, and neither updates nor
 * deletes (a database trigger refuses both; migration 0013).
 */
import type { Db } from "@/db/client";
import { type AuditChange, auditLog } from "@/db/schema/audit";
import type { AuditObjectType } from "./kinds";

export interface AuditActor {
  /** The person (users.id); null for an API key or the system. */
  userId: string | null;
  /** As shown: the person's email, or "API key cdt_AbCd1234". */
  label: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntryInput {
  objectType: AuditObjectType;
  objectId: string;
  /** The object's name at the time (a channel's name, a webhook's URL, a member's email). */
  objectLabel?: string;
  /** What happened: created, updated, deleted, started, canceled, activated, … */
  action: string;
  /** One sentence a person reads in the log. */
  summary?: string;
  /** Before → after per field (./diff.ts diffForAudit), never a secret's value. */
  changes?: AuditChange[];
}

const cut = (value: string | null | undefined, max: number) =>
  value ? (value.length > max ? `${value.slice(0, max)}…` : value) : null;

/**
 * Appends one entry to the workspace's audit log. `db` may be a transaction (the entry then exists
 * exactly when the change does). Errors: the database's (the caller's change fails with it).
 */
export async function recordAudit(
  db: Db,
  workspaceId: string,
  actor: AuditActor,
  entry: AuditEntryInput,
  at: Date = new Date(),
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId,
    at,
    actorUserId: actor.userId,
    actorLabel: cut(actor.label, 320) ?? "unknown",
    ip: cut(actor.ip, 64),
    userAgent: cut(actor.userAgent, 300),
    objectType: entry.objectType,
    objectId: entry.objectId,
    objectLabel: cut(entry.objectLabel, 300) ?? "",
    action: entry.action,
    summary: cut(entry.summary, 1_000) ?? "",
    changes: entry.changes ?? [],
  });
}

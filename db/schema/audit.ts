/**
 * The audit log (lib/audit): who changed what, when and from where. Append only: the app has no
 * code path that updates or deletes a row, and a trigger (migration 0013_webhooks_audit's audit_log_append_only)
 * refuses UPDATE always and DELETE unless the row's workspace is itself being deleted (the cascade).
 * The actor is a snapshot (id, email), not a foreign key: removing a member must neither erase
 * nor rewrite what they did.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/** One changed field: before → after as readable text; secrets only ever read "changed". */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The person (users.id), or null for an API key or the system. */
    actorUserId: uuid("actor_user_id"),
    /** Who, as shown: the person's email, or "API key cdt_…". */
    actorLabel: text("actor_label").notNull(),
    /** What kind of object (lib/audit/kinds.ts): channel, connection, mapping_template, … */
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    /** The object's name when it was changed (a channel's name, a webhook's URL). */
    objectLabel: text("object_label").notNull().default(""),
    /** created, updated, deleted, started, … */
    action: text("action").notNull(),
    /** One sentence saying what happened. */
    summary: text("summary").notNull().default(""),
    changes: jsonb("changes").$type<AuditChange[]>().notNull().default([]),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_log_workspace_at").on(t.workspaceId, t.at),
    index("audit_log_workspace_object").on(t.workspaceId, t.objectType, t.objectId),
    index("audit_log_workspace_actor").on(t.workspaceId, t.actorUserId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;

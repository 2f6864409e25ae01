/** Tables of alerts: the alerts raised, each member's choice per alert kind, and the hourly digest's queue. */
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts";

/**
 * Alerts (lib/alerts/): something in a workspace needs a person. One row per problem, made
 * once: `dedupe_key` names the problem ("run:<id>:run.failed", "budget:<key>:<hour>"), so the
 * same problem found again in the same run (or hour) is not alerted twice. Rows are history: no
 * foreign key to channels or runs, so an alert outlives a deleted channel; the channel's name
 * is kept as it was.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // lib/alerts/kinds.ts ALERT_KINDS ("run.failed", …), the webhook event type too.
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    // One line: what happened.
    title: text("title").notNull(),
    // What happened in more words, and what to do (plain text).
    details: text("details").notNull(),
    action: text("action").notNull(),
    // A path in the app ("/runs/<id>"), made absolute (AUTH_URL) when mailed.
    linkPath: text("link_path").notNull(),
    channelId: uuid("channel_id"),
    channelName: text("channel_name"),
    operation: text("operation"),
    runId: uuid("run_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_workspace_dedupe").on(t.workspaceId, t.dedupeKey),
    index("alerts_workspace_created").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * A member's choice per alert kind: "immediate", "digest" (hourly) or "off". No row: the
 * default for the member's role (lib/alerts/preferences.ts).
 */
export const alertPreferences = pgTable(
  "alert_preferences",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    mode: text("mode").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.kind] })],
);

/**
 * Alerts waiting for a member's hourly digest. The digest job marks a member's rows sent
 * (`sent_at`) before mailing and clears the mark if the mail fails, so two ticks never mail the
 * same alert twice; sent rows are deleted a day later.
 */
export const alertDigestItems = pgTable(
  "alert_digest_items",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.userId] }), index("alert_digest_items_pending").on(t.sentAt, t.userId)],
);

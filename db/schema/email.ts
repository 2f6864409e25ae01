/** The local email outbox table (mails kept while no SMTP server is configured) and its attachment type. */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/** An attachment kept in the outbox: its name, type, size in bytes and content in base64. */
export interface OutboxAttachment {
  filename: string;
  contentType: string | null;
  size: number;
  contentBase64: string;
}

/**
 * The local outbox: every mail Conduit would have sent while no SMTP server is configured
 * (SMTP_URL unset, the embedded default), so invites, resets and alerts still work on a fresh
 * machine (lib/email/send.ts). A workspace's owner reads its mails in Settings → Outbox; mails
 * about an account rather than a workspace (password reset, email verification) have no
 * workspace and are shown to nobody in the app: they are in the server log and this table only.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null for account mails (password reset, email verification).
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    // Attachments as sent (content in base64) and extra headers (Message-ID…); null when none.
    attachments: jsonb("attachments").$type<OutboxAttachment[]>(),
    headers: jsonb("headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_workspace_created").on(t.workspaceId, t.createdAt)],
);

/**
 * Reading the local outbox (db/schema/email.ts): the mails a workspace would have been sent while
 * no SMTP server was configured, newest first, for Settings → Outbox. Account mails (password
 * reset, verification) have no workspace and never appear here: shown to a workspace's owner,
 * another person's reset link would open their account.
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOutbox } from "@/db/schema/email";

export interface OutboxMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  /** Names and sizes (bytes) of the attachments; their content stays in the table. */
  attachments: { filename: string; size: number }[];
  createdAt: Date;
}

/** The workspace's outbox mails, newest first; `before` pages on (a createdAt from the last page). */
export async function listOutbox(
  db: Db,
  workspaceId: string,
  options: { limit?: number; before?: Date } = {},
): Promise<OutboxMail[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.toAddress,
      from: emailOutbox.fromAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.bodyText,
      attachments: emailOutbox.attachments,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.workspaceId, workspaceId),
        options.before ? lt(emailOutbox.createdAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    attachments: (r.attachments ?? []).map((a) => ({ filename: a.filename, size: a.size })),
  }));
}

/** Deletes outbox mails older than `days` (default 30); returns how many went. */
export async function pruneOutbox(db: Db, now: Date, days = 30): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const rows = await db.delete(emailOutbox).where(lt(emailOutbox.createdAt, cutoff)).returning({ id: emailOutbox.id });
  return rows.length;
}

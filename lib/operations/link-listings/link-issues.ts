/**
 * The channel's link issues (db/schema/catalog.ts linkIssues): why each in-scope variant is not
 * linked, as of the last non-dry run. They are the run's issue events (./events.ts
 * LINK_ISSUE_CODES, which carry `details.variantId`) copied inside the database, so a run's 41k
 * issues are sent once, as events, rather than twice: bench:link's match commit on PGlite spent
 * about as long writing the issues from JavaScript as writing the events themselves.
 */

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { linkIssues } from "@/db/schema/catalog";
import { runEvents } from "@/db/schema/runs";
import { LINK_ISSUE_CODES } from "./events";

/**
 * Replaces the channel's link issues with the issue events run `runId` has written (call after
 * inserting them, in the same transaction): status = the event's code, message = its message.
 * Errors: the database's (a variant with two issue events breaks the primary key).
 */
export async function replaceLinkIssues(
  tx: Db,
  scope: { workspaceId: string; channelId: string; runId: string },
): Promise<void> {
  const { workspaceId, channelId, runId } = scope;
  await tx.delete(linkIssues).where(and(eq(linkIssues.workspaceId, workspaceId), eq(linkIssues.channelId, channelId)));
  await tx.execute(sql`
    insert into ${linkIssues} (workspace_id, channel_id, variant_id, status, message, run_id)
    select ${runEvents.workspaceId}, ${channelId}, (${runEvents.details} ->> 'variantId')::uuid,
      ${runEvents.code}, ${runEvents.message}, ${runEvents.runId}
    from ${runEvents}
    where ${and(
      eq(runEvents.runId, runId),
      eq(runEvents.workspaceId, workspaceId),
      eq(runEvents.entity, "variant"),
      inArray(runEvents.code, [...LINK_ISSUE_CODES]),
    )}`);
}

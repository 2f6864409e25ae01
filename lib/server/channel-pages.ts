/** requireChannelPage: the session and its own channel for channel pages, or Next's 404 for anyone else's. */
import { notFound } from "next/navigation";
import { getDb } from "@/db/index";
import { getChannelForWorkspace } from "@/lib/channels/channels";
import type { ChannelState } from "@/lib/channels/wizard";
import { isAppError } from "@/lib/errors";
import { requireSession, type WorkspaceSession } from "./session";

/** For channel pages: the session and its own channel, or Next's 404 for anyone else's. */
export async function requireChannelPage(
  channelId: string,
): Promise<{ session: WorkspaceSession; channel: ChannelState }> {
  const session = await requireSession();
  try {
    const channel = await getChannelForWorkspace(await getDb(), session.workspaceId, channelId);
    return { session, channel };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

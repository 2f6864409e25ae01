/**
 * Page loaders for the mapping pages: workspace-scoped lookups that turn another workspace's (or a
 * malformed) id into Next's 404.
 */
import { notFound } from "next/navigation";
import { isUuid } from "@/db/ids";
import { getDb } from "@/db/index";
import type { MappingTemplate } from "@/db/schema/mapping";
import type { ChannelState } from "@/lib/channels/wizard";
import { isAppError } from "@/lib/errors";
import { getTemplateRow } from "@/lib/mapping/template-queries";
import { requireChannelPage } from "./channel-pages";
import type { WorkspaceSession } from "./session";

/** Runs a workspace-scoped lookup; another workspace's (or a malformed) id becomes Next's 404. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** For template pages: the channel and its template, or 404 when either is not this workspace's. */
export async function requireTemplatePage(
  channelId: string,
  templateId: string,
): Promise<{ session: WorkspaceSession; channel: ChannelState; template: MappingTemplate }> {
  if (!isUuid(channelId) || !isUuid(templateId)) notFound();
  const { session, channel } = await requireChannelPage(channelId);
  const template = await orNotFound(async () => getTemplateRow(await getDb(), session.workspaceId, templateId));
  if (template.channelId !== channel.id) notFound();
  return { session, channel, template };
}

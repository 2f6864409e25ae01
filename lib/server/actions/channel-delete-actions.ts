"use server";

/**
 * Deleting a channel (its page's danger zone). The workspace comes from the session; Next.js
 * refuses a server action whose Origin is not this site; the lib function checks the typed name
 * and does everything in one transaction (lib/channels/delete-channel.ts).
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb } from "@/db/index";
import { deleteChannel, deleteChannelSchema } from "@/lib/channels/delete-channel";
import { recordAuditFor } from "../audit";
import { authedAction } from "../handle";

const remove = authedAction("channels.manage", deleteChannelSchema, async (input, session) => {
  const result = await deleteChannel(await getDb(), session.workspaceId, input);
  await recordAuditFor(session, {
    objectType: "channel",
    objectId: input.channelId,
    objectLabel: result.name,
    action: "deleted",
    summary: `Deleted channel "${result.name}"; ${result.ordersKept ? `kept ${result.ordersKept} order(s)` : `deleted ${result.ordersDeleted} order(s)`}`,
  });
  revalidatePath("/channels", "layout");
  revalidatePath("/orders", "layout");
  return { ...result, redirectTo: "/channels" };
});

export async function deleteChannelAction(input: z.input<typeof deleteChannelSchema>) {
  return remove(input);
}

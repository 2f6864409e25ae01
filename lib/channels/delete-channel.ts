/**
 * Deleting a channel, in one transaction (nothing half-deleted): its runs (and their events and
 * staging), Link Listings links, link issues and mirror, mapping templates, schedule (channel
 * operations), budget counts, and its SellerCloud connection unless another channel uses it. Its
 * imported orders either go too (with their items and shipments), or stay: then the channel row
 * stays as a tombstone (deleted_at set, renamed "<name> (deleted <date>)") so those orders keep a
 * channel name, their filter and the retention setting that clears their personal data.
 */
import { and, count, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sellercloudBudgetUsage } from "@/db/schema/budget";
import { linkIssues, listingLinks } from "@/db/schema/catalog";
import { channelOperations, channels, connections } from "@/db/schema/channels";
import { linkMirrorChunks, linkMirrorState } from "@/db/schema/link-mirror";
import { mappingTemplates } from "@/db/schema/mapping";
import { orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { AppError, notFound } from "@/lib/errors";

export const deleteChannelSchema = z.object({
  channelId: z.string().uuid("Not a valid channel id"),
  /** The channel's name, typed by the user to confirm. */
  confirmName: z.string().max(200, "Type the channel's name"),
  /** What happens to the orders it imported. */
  orders: z.enum(["keep", "delete"], { message: "Choose what happens to the channel's orders" }),
});
export type DeleteChannelInput = z.input<typeof deleteChannelSchema>;

export interface DeleteChannelResult {
  name: string;
  ordersKept: number;
  ordersDeleted: number;
  /** The tombstone's new name when orders were kept. */
  keptAs: string | null;
}

/** "<name> (deleted 2026-03-02)", with " 2", " 3"… when that is taken. */
function tombstoneName(name: string, now: Date, taken: ReadonlySet<string>): string {
  const base = `${name} (deleted ${now.toISOString().slice(0, 10)})`;
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} ${n}`;
  return candidate;
}

/**
 * Deletes the workspace's channel `channelId`. Errors: NOT_FOUND (not this workspace's, or already
 * deleted), VALIDATION with fieldErrors.confirmName when the typed name is not the channel's
 * (exact, surrounding spaces ignored), CONFLICT while one of its runs is queued or running.
 */
export async function deleteChannel(
  db: Db,
  workspaceId: string,
  raw: DeleteChannelInput,
  now: Date = new Date(),
): Promise<DeleteChannelResult> {
  const input = deleteChannelSchema.parse(raw);
  return db.transaction(async (tx) => {
    const [channel] = await tx
      .select()
      .from(channels)
      .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, input.channelId), isNull(channels.deletedAt)))
      .for("update");
    if (!channel) throw notFound("That channel");
    if (input.confirmName.trim() !== channel.name) {
      throw new AppError("VALIDATION", `Type the channel's name, “${channel.name}”, to delete it.`, {
        fieldErrors: { confirmName: `Type “${channel.name}” exactly` },
      });
    }
    const scope = (column: typeof runs.channelId | typeof orders.channelId) => eq(column, channel.id);
    const [active] = await tx
      .select({ n: count() })
      .from(runs)
      .where(
        and(eq(runs.workspaceId, workspaceId), scope(runs.channelId), inArray(runs.status, ["queued", "running"])),
      );
    if ((active?.n ?? 0) > 0) {
      throw new AppError(
        "CONFLICT",
        "A run of this channel is queued or running. Cancel it or wait for it to finish, then delete the channel.",
      );
    }
    const [orderCount] = await tx
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), scope(orders.channelId)));
    const n = orderCount?.n ?? 0;

    // Tables without a foreign key to channels.
    await tx
      .delete(listingLinks)
      .where(and(eq(listingLinks.workspaceId, workspaceId), eq(listingLinks.channelId, channel.id)));
    await tx
      .delete(linkIssues)
      .where(and(eq(linkIssues.workspaceId, workspaceId), eq(linkIssues.channelId, channel.id)));
    await tx
      .delete(linkMirrorChunks)
      .where(and(eq(linkMirrorChunks.workspaceId, workspaceId), eq(linkMirrorChunks.channelId, channel.id)));
    await tx
      .delete(linkMirrorState)
      .where(and(eq(linkMirrorState.workspaceId, workspaceId), eq(linkMirrorState.channelId, channel.id)));
    await tx.delete(sellercloudBudgetUsage).where(eq(sellercloudBudgetUsage.channelId, channel.id));

    let keptAs: string | null = null;
    if (input.orders === "delete") {
      // Cascades: orders (items, shipments), runs (staging; their events go by the runs trigger),
      // operations, templates.
      await tx.delete(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channel.id)));
    } else {
      await tx.delete(runs).where(and(eq(runs.workspaceId, workspaceId), scope(runs.channelId)));
      await tx
        .delete(channelOperations)
        .where(and(eq(channelOperations.workspaceId, workspaceId), eq(channelOperations.channelId, channel.id)));
      await tx
        .delete(mappingTemplates)
        .where(and(eq(mappingTemplates.workspaceId, workspaceId), eq(mappingTemplates.channelId, channel.id)));
      const names = await tx
        .select({ name: channels.name })
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), ne(channels.id, channel.id)));
      keptAs = tombstoneName(channel.name, now, new Set(names.map((r) => r.name.toLowerCase())));
      await tx
        .update(channels)
        .set({ name: keptAs, deletedAt: now, status: "paused", connectionId: null, updatedAt: now })
        .where(eq(channels.id, channel.id));
    }

    // The SellerCloud login (encrypted secrets) goes unless another channel still uses it.
    if (channel.connectionId) {
      const [users] = await tx
        .select({ n: count() })
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.connectionId, channel.connectionId)));
      if ((users?.n ?? 0) === 0) {
        await tx
          .delete(connections)
          .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, channel.connectionId)));
      }
    }
    return {
      name: channel.name,
      ordersKept: input.orders === "keep" ? n : 0,
      ordersDeleted: input.orders === "delete" ? n : 0,
      keptAs,
    };
  });
}

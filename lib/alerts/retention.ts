/**
 * The personal-data clearing alert (info): after the daily retention job (lib/orders/retention.ts)
 * cleared orders, one alert per channel and day saying how many.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { type Logger, silentLogger } from "@/lib/log";
import type { RetentionResult } from "@/lib/orders/retention";
import { raiseAlert } from "./raise";

/** Raises retention.cleared for every channel that cleared orders; never throws. */
export async function alertRetentionResults(
  db: Db,
  results: readonly RetentionResult[],
  options: { now?: Date; log?: Logger } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const log = options.log ?? silentLogger;
  const cleared = results.filter((r) => r.cleared > 0);
  if (!cleared.length) return 0;
  let raised = 0;
  try {
    const names = new Map(
      (
        await db
          .select({ id: channels.id, name: channels.name })
          .from(channels)
          .where(
            inArray(
              channels.id,
              cleared.map((r) => r.channelId),
            ),
          )
      ).map((c) => [c.id, c.name]),
    );
    const day = now.toISOString().slice(0, 10);
    for (const r of cleared) {
      const name = names.get(r.channelId) ?? "a deleted channel";
      const orders = `${r.cleared.toLocaleString("en-US")} order${r.cleared === 1 ? "" : "s"}`;
      const result = await raiseAlert(
        db,
        {
          workspaceId: r.workspaceId,
          kind: "retention.cleared",
          dedupeKey: `retention:${r.channelId}:${day}`,
          title: `Personal data cleared from ${orders} of channel "${name}"`,
          details: `Names, addresses, phone numbers and emails of ${orders} shipped more than ${r.days} days ago were cleared, as the channel's retention setting asks. Order numbers, items, amounts and shipments are kept.`,
          action: "Nothing to do. To keep personal data longer, change the retention in the channel's order settings.",
          linkPath: `/channels/${r.channelId}/settings/orders`,
          channelId: r.channelId,
          channelName: name,
        },
        { now, log },
      );
      if (result) raised++;
    }
  } catch (error) {
    log.warn("retention alerts failed", { error: error instanceof Error ? error.message : String(error) });
  }
  return raised;
}

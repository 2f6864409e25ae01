/**
 * Personal data retention: per channel, keep it, or clear it 30 / 60 / 90 days after shipment.
 * Clearing removes names, addresses, phone numbers and emails (mapped columns and the raw
 * SellerCloud record); totals, items and IDs stay so reports and Sync Orders still work.
 */
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { channels } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import type { OrderSettings } from "@/lib/channels/settings";
import { type Logger, silentLogger } from "@/lib/log";

export type RetentionSetting = OrderSettings["retention"];

/** Days after shipment, or null for "keep". */
export function retentionDays(setting: RetentionSetting | undefined): number | null {
  return setting === "30" || setting === "60" || setting === "90" ? Number(setting) : null;
}

/** What happens to one order's personal data, for the order page. */
export type PersonalDataClearing =
  | { kind: "cleared"; at: Date }
  /** Due from `dueAt` (shipped + days); the daily job clears it on its first pass after that. */
  | { kind: "scheduled"; dueAt: Date; days: number }
  /** Not shipped yet: cleared `days` after the shipment is recorded. */
  | { kind: "after_shipment"; days: number }
  | { kind: "kept" };

/**
 * When the order's personal data will be cleared under the channel's retention setting, or that
 * it was: the same rule as the daily job (shipped_at + 30/60/90 days; never while unshipped).
 */
export function personalDataClearing(
  order: { shippedAt: Date | null; personalDataClearedAt: Date | null },
  setting: RetentionSetting | undefined,
): PersonalDataClearing {
  if (order.personalDataClearedAt) return { kind: "cleared", at: order.personalDataClearedAt };
  const days = retentionDays(setting);
  if (days === null) return { kind: "kept" };
  if (!order.shippedAt) return { kind: "after_shipment", days };
  return { kind: "scheduled", dueAt: new Date(order.shippedAt.getTime() + days * 86_400_000), days };
}

/** The channel's retention setting ("keep" when unset or the channel is not this workspace's). */
export async function channelRetention(db: Db, workspaceId: string, channelId: string): Promise<RetentionSetting> {
  const [channel] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  return channel?.settings.orders?.retention ?? "keep";
}

const ADDRESS_COLUMNS = [
  "city",
  "company_name",
  "country_code",
  "country_name",
  "first_name",
  "last_name",
  "phone",
  "postal_code",
  "state_code",
  "state_name",
  "street1",
  "street2",
] as const;
const PERSONAL_COLUMNS = [
  ...ADDRESS_COLUMNS.map((c) => `billing_${c}`),
  ...ADDRESS_COLUMNS.map((c) => `shipping_${c}`),
  "customer_email",
];
/** Keys of SellerCloud's list record that carry personal data. */
export const PERSONAL_RAW_KEYS = ["FirstName", "LastName", "CustomerEmail", "ShippingAddress", "BillingAddress"];

const BATCH = 5_000;

function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

function dueCondition(channelId: string, before: Date) {
  return and(
    eq(orders.channelId, channelId),
    isNotNull(orders.shippedAt),
    lt(orders.shippedAt, before),
    isNull(orders.personalDataClearedAt),
  );
}

/** How many orders the next clearing will touch (the channel settings page). `retention` previews an unsaved choice. */
export async function countOrdersToClear(
  db: Db,
  workspaceId: string,
  channelId: string,
  options: { now: Date; retention?: RetentionSetting },
): Promise<number> {
  let setting = options.retention;
  if (setting === undefined) {
    const [channel] = await db
      .select({ settings: channels.settings })
      .from(channels)
      .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
    setting = channel?.settings.orders?.retention;
  }
  const days = retentionDays(setting);
  if (days === null) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), dueCondition(channelId, cutoff(options.now, days))));
  return row?.n ?? 0;
}

/** Clears one channel's due orders in batches (short transactions, no long row locks). */
export async function clearChannelPersonalData(
  db: Db,
  workspaceId: string,
  channelId: string,
  options: { now: Date; days: number },
): Promise<number> {
  const before = cutoff(options.now, options.days);
  const setColumns = sql.join(
    PERSONAL_COLUMNS.map((c) => sql`${sql.identifier(c)} = null`),
    sql`, `,
  );
  const rawKeys = sql.raw(`array[${PERSONAL_RAW_KEYS.map((k) => `'${k}'`).join(", ")}]`);
  let cleared = 0;
  for (;;) {
    const result = await db.execute(sql`
      update ${orders} set ${setColumns},
        raw = raw - ${rawKeys}::text[],
        personal_data_cleared_at = ${options.now},
        updated_at = ${options.now}
      where id in (
        select id from ${orders}
        where workspace_id = ${workspaceId} and channel_id = ${channelId}
          and shipped_at is not null and shipped_at < ${before} and personal_data_cleared_at is null
        limit ${BATCH}
      )
      returning id`);
    const n = rowsOf(result).length;
    cleared += n;
    if (n < BATCH) return cleared;
  }
}

export interface RetentionResult {
  workspaceId: string;
  channelId: string;
  days: number;
  cleared: number;
}

/**
 * The daily job (called from the cron tick). Idempotent and cheap when nothing is due (a partial
 * index covers shipped, uncleared orders), so calling it more often than daily is harmless.
 */
export async function runRetentionJob(
  db: Db,
  options: { now: Date; log?: Logger; workspaceId?: string },
): Promise<RetentionResult[]> {
  const log = options.log ?? silentLogger;
  const rows = await db
    .select({ id: channels.id, workspaceId: channels.workspaceId, settings: channels.settings })
    .from(channels)
    .where(options.workspaceId ? eq(channels.workspaceId, options.workspaceId) : undefined);
  const results: RetentionResult[] = [];
  for (const channel of rows) {
    const days = retentionDays(channel.settings.orders?.retention);
    if (days === null) continue;
    const cleared = await clearChannelPersonalData(db, channel.workspaceId, channel.id, { now: options.now, days });
    if (cleared > 0) log.info("personal data cleared", { channelId: channel.id, days, cleared });
    results.push({ workspaceId: channel.workspaceId, channelId: channel.id, days, cleared });
  }
  return results;
}

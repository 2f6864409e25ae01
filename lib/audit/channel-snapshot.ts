/**
 * A channel's auditable state, read before and after a change (a wizard step, a settings form), and
 * the per-object diffs between two reads: the channel's own settings, its SellerCloud connection
 * (credentials only as "changed"), its schedules (in words) and its shipping mappings. The action
 * records one audit entry per object that changed.
 */
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditChange } from "@/db/schema/audit";
import { channelOperations, channels, connections } from "@/db/schema/channels";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { describeSchedule } from "@/lib/operations/schedule";
import { auditText, diffForAudit } from "./diff";
import type { AuditObjectType } from "./kinds";

export interface ChannelAuditSnapshot {
  channelId: string;
  name: string;
  channel: Record<string, unknown>;
  connectionId: string | null;
  connection: Record<string, unknown> | null;
  schedules: Record<string, unknown>;
  shippingMappings: Record<string, unknown>;
}

// A stand-in that changes exactly when the stored ciphertext does; never the secret, never shown.
const fingerprint = (ciphertext: string | null) =>
  ciphertext ? createHash("sha256").update(ciphertext).digest("hex").slice(0, 16) : null;

/** The channel's state for the audit log, or null when it is not the workspace's. */
export async function readChannelAuditSnapshot(
  db: Db,
  workspaceId: string,
  channelId: string,
): Promise<ChannelAuditSnapshot | null> {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  if (!channel) return null;
  const [connection] = channel.connectionId
    ? await db
        .select()
        .from(connections)
        .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, channel.connectionId)))
    : [];
  const operations = await db
    .select()
    .from(channelOperations)
    .where(eq(channelOperations.channelId, channelId))
    .orderBy(asc(channelOperations.operation));
  const { shippingMappings = [], ...settings } = channel.settings;
  const schedules: Record<string, unknown> = {};
  for (const op of operations) {
    const label = (OPERATION_LABELS as Record<string, string>)[op.operation] ?? op.operation;
    schedules[label] = op.enabled ? describeSchedule(op.schedule) : "Off";
  }
  const mappings: Record<string, unknown> = {};
  for (const m of shippingMappings) {
    const from = [m.conduitCarrier, m.conduitService].filter(Boolean).join(" / ");
    mappings[from || "(any)"] = [m.sellercloudCarrier, m.sellercloudService].filter(Boolean).join(" / ");
  }
  return {
    channelId,
    name: channel.name,
    channel: { name: channel.name, status: channel.status, integrationType: channel.integrationType, ...settings },
    connectionId: connection?.id ?? null,
    connection: connection
      ? {
          name: connection.name,
          username: connection.username,
          serverId: connection.serverId,
          apiUrl: connection.apiUrl,
          password: fingerprint(connection.passwordCiphertext),
          apiToken: fingerprint(connection.apiTokenCiphertext),
        }
      : null,
    schedules,
    shippingMappings: mappings,
  };
}

export interface ChannelObjectChange {
  objectType: AuditObjectType;
  objectId: string;
  objectLabel: string;
  changes: AuditChange[];
}

const LABELS: Record<string, string> = {
  apiUrl: "API URL",
  serverId: "Server ID",
  apiToken: "API token",
  companyId: "Company ID",
  skuPrefix: "SKU prefix",
  orders: "Order settings",
  link: "Link settings",
  listingManagement: "Listing management",
  pricing: "Pricing & quantity rules",
  priceSync: "Price sync",
  roundTo99: "Round to .99",
};

/** Link settings' priority as people read it: "SKU ↔ ID, UPC ↔ UPC" (listing field ↔ SellerCloud field). */
function linkPriorityText(value: unknown): string | null {
  if (!Array.isArray(value)) return auditText(value);
  return value
    .map((pair) =>
      pair && typeof pair === "object" && "listingField" in pair && "sellercloudField" in pair
        ? `${String(pair.listingField).toUpperCase()} ↔ ${String(pair.sellercloudField)}`
        : auditText(pair),
    )
    .join(", ");
}

/** What changed between two snapshots of one channel, one entry per object kind that changed. */
export function channelSnapshotChanges(
  before: ChannelAuditSnapshot | null,
  after: ChannelAuditSnapshot,
): ChannelObjectChange[] {
  const out: ChannelObjectChange[] = [];
  const add = (objectType: AuditObjectType, objectId: string, objectLabel: string, changes: AuditChange[]) => {
    if (changes.length) out.push({ objectType, objectId, objectLabel, changes });
  };
  add(
    "channel",
    after.channelId,
    after.name,
    diffForAudit(before?.channel ?? null, after.channel, {
      labels: LABELS,
      formats: { "link.priority": linkPriorityText },
    }),
  );
  if (after.connection || before?.connection) {
    add(
      "connection",
      after.connectionId ?? before?.connectionId ?? after.channelId,
      String(after.connection?.name ?? before?.connection?.name ?? ""),
      diffForAudit(before?.connection ?? null, after.connection, { labels: LABELS, secret: ["password", "apiToken"] }),
    );
  }
  add(
    "schedule",
    after.channelId,
    after.name,
    diffForAudit(before?.schedules ?? null, after.schedules, { verbatimKeys: true }),
  );
  add(
    "shipping_mapping",
    after.channelId,
    after.name,
    diffForAudit(before?.shippingMappings ?? null, after.shippingMappings, { verbatimKeys: true }),
  );
  return out;
}

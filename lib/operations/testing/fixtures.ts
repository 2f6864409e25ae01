/** Runtime test fixtures: a seeded workspace with one channel, and stand-in SellerCloud client factories. */
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { channelOperations, channels } from "@/db/schema/channels";
import type { Operation, Schedule } from "@/lib/channels/settings";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { CreateSellerCloudClient } from "../types";

/** A workspace with one channel, for runtime tests. */
export async function seedChannel(
  db: Db,
  options: {
    status?: "draft" | "active" | "paused";
    operations?: Array<{ operation: Operation; schedule: Schedule; nextRunAt?: Date | null; enabled?: boolean }>;
  } = {},
): Promise<{ workspaceId: string; channelId: string }> {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Workspace ${Math.random()}` })
    .returning();
  const [channel] = await db
    .insert(channels)
    .values({ workspaceId: workspace!.id, name: "Test channel", status: options.status ?? "active" })
    .returning();
  for (const op of options.operations ?? []) {
    await db.insert(channelOperations).values({
      workspaceId: workspace!.id,
      channelId: channel!.id,
      operation: op.operation,
      schedule: op.schedule,
      nextRunAt: op.nextRunAt ?? null,
      enabled: op.enabled ?? true,
    });
  }
  return { workspaceId: workspace!.id, channelId: channel!.id };
}

/** A client stand-in whose only job is to count "calls"; modules under test bump callsMade. */
export function stubClientFactory(): CreateSellerCloudClient & { created: number } {
  const factory = Object.assign(
    async () => {
      factory.created++;
      return { callsMade: 0 } as unknown as SellerCloudClient;
    },
    { created: 0 },
  );
  return factory;
}

export const noClient: CreateSellerCloudClient = () =>
  Promise.reject(new Error("this test operation must not call SellerCloud"));

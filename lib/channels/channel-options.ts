/** The workspace's channels as filter options (the orders and runs pages' "Channel" select). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";

export interface ChannelOption {
  id: string;
  name: string;
}

/** Every channel of the workspace (any status), by name A–Z: id and name only. */
export function listChannelOptions(db: Db, workspaceId: string): Promise<ChannelOption[]> {
  return db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(asc(channels.name));
}

/**
 * The channel page's view of Link Listings' full re-check: how often it runs, when the last full
 * pass ran and when the next is due (runs in between read only what changed in SellerCloud), and
 * how many SellerCloud products Conduit's copy holds.
 */

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { linkMirrorState } from "@/db/schema/link-mirror";
import { DEFAULT_FULL_RECHECK_DAYS, type LinkSettings } from "@/lib/channels/settings";
import { mirrorMismatch, nextFullRecheck } from "./pass";

export interface FullRecheckStatus {
  /** Days between full re-checks (the channel's Link Settings, weekly by default). */
  days: number;
  /** Start of the last full pass; null before the first (the next run is then full). */
  lastFullAt: Date | null;
  /** When the next run becomes a full pass; null before the first. */
  nextAt: Date | null;
  /** SellerCloud products Conduit's copy holds (what incremental runs match against); null before the first pass. */
  products: number | null;
  /**
   * Set when the copy no longer fits the channel's Link Settings, so the next run reads SellerCloud
   * whole whatever the schedule says (./pass.ts mirrorMismatch); null otherwise.
   */
  nextFullBecause: "company_changed" | "rules_changed" | null;
}

/**
 * The channel's full re-check status (one read of link_mirror_state, scoped to the workspace).
 * `link`: the channel's Link Settings, when saved (their re-check days, company and priority).
 */
export async function fullRecheckStatus(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  link: Partial<Pick<LinkSettings, "fullRecheckDays" | "companyId" | "priority">> | undefined,
): Promise<FullRecheckStatus> {
  const [state] = await db
    .select({
      fullAt: linkMirrorState.fullAt,
      products: linkMirrorState.products,
      companyId: linkMirrorState.companyId,
      hasEan: linkMirrorState.hasEan,
    })
    .from(linkMirrorState)
    .where(and(eq(linkMirrorState.workspaceId, scope.workspaceId), eq(linkMirrorState.channelId, scope.channelId)));
  const fullRecheckDays = link?.fullRecheckDays;
  return {
    days: fullRecheckDays ?? DEFAULT_FULL_RECHECK_DAYS,
    lastFullAt: state?.fullAt ?? null,
    nextAt: state ? nextFullRecheck(state.fullAt, fullRecheckDays) : null,
    products: state?.products ?? null,
    nextFullBecause:
      state && link?.companyId !== undefined && link.priority
        ? mirrorMismatch(state, { companyId: link.companyId, priority: link.priority })
        : null,
  };
}

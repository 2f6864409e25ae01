/**
 * Which pass a Link Listings run makes. A full pass pages the company's whole catalog (and
 * inventory for EAN), refills the mirror and finds products deleted in SellerCloud; an
 * incremental pass pages only products whose LastModifiedDate is at or after `since`
 * (`model.lastUpdatedFrom` on GET /api/Catalog and /api/Inventory, swagger 2022 Catalog_GetAll /
 * Inventory_GetAll) and matches against the mirror for the rest. Deleted products never show up
 * as modified, so a full pass runs when the channel's re-check is due (every fullRecheckDays,
 * weekly by default), when asked ({ full: true } as the run's input: "Full re-check"), before the
 * first mirror, after the company changed, and when the rules start using EAN the copy lacks.
 */

import type { Db } from "@/db/client";
import { DEFAULT_FULL_RECHECK_DAYS } from "@/lib/channels/settings";
import { toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import { scDateToDate } from "@/lib/sellercloud/value-formats";
import type { LinkListingsSettings } from "../shared/operation-settings";
import type { PassInfo } from "./cursor";
import { loadMirrorState, type MirrorState } from "./mirror";

/**
 * Read back this far before the last pass's start: SellerCloud's clock may run behind Conduit's
 * (or its zone be set wrong by up to an hour of DST), the filter has minute precision, and a
 * product changed while the last pass was paging must be read again.
 */
export const INCREMENTAL_OVERLAP_MS = 60 * 60_000;

const DAY_MS = 86_400_000;

/**
 * `model.lastUpdatedFrom` for an incremental pass, as SellerCloud's wall-clock reading (a Date
 * whose UTC fields are the tenant's local time): the earlier of the last pass's start on the
 * tenant's clock (`timeZone`) and the latest LastModifiedDate the mirror holds (SellerCloud's own
 * clock, safe when the zone is set wrong), minus INCREMENTAL_OVERLAP_MS.
 */
export function incrementalSince(state: Pick<MirrorState, "passAt" | "maxModified">, timeZone: string): Date {
  const started = toTenantWallClock(state.passAt, timeZone).getTime();
  const latest = scDateToDate(state.maxModified)?.getTime() ?? started;
  return new Date(Math.min(started, latest) - INCREMENTAL_OVERLAP_MS);
}

/** When the channel's next full re-check is due (Conduit's clock), from its last full pass. */
export function nextFullRecheck(fullAt: Date, fullRecheckDays: number | undefined): Date {
  return new Date(fullAt.getTime() + (fullRecheckDays ?? DEFAULT_FULL_RECHECK_DAYS) * DAY_MS);
}

/**
 * Why the channel's copy of SellerCloud cannot serve an incremental run under `link` (the channel's
 * Link Settings), or null when it can: it holds another company's products, or the rules now use
 * EAN and the copy was filled without reading inventory rows. Shared by decidePass and the channel
 * page's re-check line (./recheck-status.ts), so both say the same.
 */
export function mirrorMismatch(
  state: Pick<MirrorState, "companyId" | "hasEan">,
  link: Pick<LinkListingsSettings["link"], "companyId" | "priority">,
): "company_changed" | "rules_changed" | null {
  if (state.companyId !== link.companyId) return "company_changed";
  if (!state.hasEan && link.priority.some((p) => p.sellercloudField === "EAN")) return "rules_changed";
  return null;
}

/**
 * Decides the run's pass from the channel's mirror state, its settings and the run's input
 * (`input.full === true` asks for a full pass). `now`: Conduit's clock when the run starts.
 */
export async function decidePass(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  settings: LinkListingsSettings,
  input: Record<string, unknown>,
  now: Date,
): Promise<PassInfo> {
  const state = await loadMirrorState(db, scope);
  const base = { startedAt: now.toISOString(), calls: 0, mirrored: state?.products ?? 0 };
  if (!state) return { ...base, kind: "full", reason: "first" };
  const mismatch = mirrorMismatch(state, settings.link);
  if (mismatch) return { ...base, kind: "full", reason: mismatch };
  if (input.full === true) return { ...base, kind: "full", reason: "requested" };
  if (now >= nextFullRecheck(state.fullAt, settings.link.fullRecheckDays)) {
    return { ...base, kind: "full", reason: "scheduled" };
  }
  const since = incrementalSince(state, settings.timeZone);
  return { ...base, kind: "incremental", since: since.toISOString().slice(0, 19) };
}

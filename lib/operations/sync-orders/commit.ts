/**
 * Sync Orders' database writes: the page's commit (shipment states, packages SellerCloud has, the
 * orders' SellerCloud shipping status, the run's template version), and the "sending" mark written
 * on its own before an order's first SellerCloud write.
 */

import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import type { OperationContext } from "../types";
import type { SyncOutcomes } from "./outcomes";

/**
 * Marks shipments "sending" by this run, committed at once (not in the page transaction): a crash
 * after SellerCloud's success leaves this state behind, and whoever finds it reads the order back
 * instead of sending again.
 */
export async function markShipmentsSending(db: Db, runId: string, shipmentIds: string[], now: Date): Promise<void> {
  await db
    .update(shipments)
    .set({ syncState: "sending", sendingRunId: runId, sendingAt: now, updatedAt: now })
    .where(inArray(shipments.id, shipmentIds));
}

/**
 * The page's writes, inside the runner's fenced page transaction: on the run's first page the run
 * row names the template version it pinned (like Get Orders); then packages SellerCloud has get
 * sc_applied_at (and the SellerCloud package id used) and each decided shipment its state, failure,
 * attempt and call counts; each order read back or confirmed gets SellerCloud's shipping status
 * (Fully Shipped once our tracking is there) and, when Fully Shipped, the time it was first seen so
 * (sc_shipped_at). Three statements whatever the page size: rows travel as one jsonb parameter
 * each. A shipment still "sending" (the page ended without an answer) is left for the next run's
 * read-back.
 */
export async function commitPage(
  tx: Db,
  ctx: OperationContext,
  outcomes: SyncOutcomes,
  now: Date,
  pinnedVersionId: string | null,
): Promise<void> {
  if (pinnedVersionId) await tx.update(runs).set({ templateVersionId: pinnedVersionId }).where(eq(runs.id, ctx.runId));
  const packageRows = [...outcomes.applied].map(([id, a]) => ({ id, at: a.at.toISOString(), pkg: a.scPackageId }));
  if (packageRows.length) {
    await tx.execute(sql`
      update ${shipmentPackages} as p
      set sc_applied_at = x.at, sc_package_id = coalesce(x.pkg, p.sc_package_id)
      from jsonb_to_recordset(${JSON.stringify(packageRows)}::jsonb) as x(id uuid, at timestamptz, pkg bigint)
      where p.id = x.id and p.workspace_id = ${ctx.workspaceId}`);
  }
  const shipmentRows = [...outcomes.updates]
    .filter(([, u]) => u.state !== "sending")
    .map(([id, u]) => ({
      id,
      state: u.state,
      reason: u.state === "failed" ? (u.reason ?? null) : null,
      code: u.state === "failed" ? (u.code ?? null) : null,
      retryable: u.state === "failed" ? (u.retryable ?? false) : false,
      attempted: u.attempted,
      calls: u.calls,
      sent_carrier: u.sentCarrier ?? null,
      sent_service: u.sentService ?? null,
      sent_ship_date: u.sentShipDate ?? null,
    }));
  if (shipmentRows.length) {
    await tx.execute(sql`
      update ${shipments} as s
      set sync_state = x.state,
          synced_at = case when x.state = 'synced' then ${now.toISOString()}::timestamptz else null end,
          failure_reason = x.reason,
          failure_code = x.code,
          retryable = x.retryable,
          attempts = s.attempts + case when x.attempted then 1 else 0 end,
          calls_used = s.calls_used + x.calls,
          sent_carrier = coalesce(x.sent_carrier, s.sent_carrier),
          sent_service = coalesce(x.sent_service, s.sent_service),
          sent_ship_date = coalesce(x.sent_ship_date, s.sent_ship_date),
          sending_run_id = null,
          sending_at = null,
          updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(shipmentRows)}::jsonb)
        as x(id uuid, state text, reason text, code text, retryable boolean, attempted boolean, calls int,
             sent_carrier text, sent_service text, sent_ship_date text)
      where s.id = x.id and s.workspace_id = ${ctx.workspaceId}`);
  }
  const orderRows = [...outcomes.scShipping].map(([id, status]) => ({ id, status }));
  if (orderRows.length) {
    // A status SellerCloud did not send (null) leaves the stored one; anything but Fully Shipped
    // clears sc_shipped_at (SellerCloud unshipped it).
    await tx.execute(sql`
      update ${orders} as o
      set sc_shipping_status = coalesce(x.status, o.sc_shipping_status),
          sc_shipped_at = case
            when x.status is null then o.sc_shipped_at
            when x.status = ${ShippingStatus.FullyShipped} then coalesce(o.sc_shipped_at, ${now.toISOString()}::timestamptz)
            else null end,
          updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(orderRows)}::jsonb) as x(id uuid, status int)
      where o.id = x.id and o.workspace_id = ${ctx.workspaceId}`);
  }
}

/**
 * Fulfillment requests' state changes and their history: a vendor acknowledging or rejecting lines,
 * a pull vendor fetching its requests, shipments covering lines. Every change writes one history
 * row (fulfillment_request_events) in the same transaction as the change.
 *
 * Request states: pending → delivered → acknowledged | rejected → shipped; canceled from any open
 * state (pending, delivered, acknowledged) when the order is canceled in SellerCloud.
 */

import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shipmentItems, shipments } from "@/db/schema/shipments";
import {
  fulfillmentRequestEvents,
  fulfillmentRequestLines,
  fulfillmentRequests,
  type LineState,
  type RequestState,
} from "@/db/schema/vendors";
import { AppError, notFound } from "@/lib/errors";

export const OPEN_REQUEST_STATES: readonly RequestState[] = ["pending", "delivered", "acknowledged"];

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  pending: "Pending",
  delivered: "Delivered",
  acknowledged: "Acknowledged",
  rejected: "Rejected",
  shipped: "Shipped",
  canceled: "Canceled",
};

export interface HistoryEntry {
  workspaceId: string;
  requestId: string;
  fromState: RequestState | null;
  toState: RequestState;
  actor: "run" | "vendor" | "user" | "system";
  runId?: string | null;
  message: string;
  at?: Date;
}

/** Appends history rows (one statement). */
export async function recordHistory(tx: Db, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(fulfillmentRequestEvents).values(
    entries.map((e) => ({
      workspaceId: e.workspaceId,
      requestId: e.requestId,
      fromState: e.fromState,
      toState: e.toState,
      actor: e.actor,
      runId: e.runId ?? null,
      message: e.message,
      ...(e.at ? { at: e.at } : {}),
    })),
  );
}

/**
 * A request's state from its lines: every live line shipped → shipped; every line rejected →
 * rejected; no line still open and some acknowledged → acknowledged; else `current`.
 */
export function stateFromLines(current: RequestState, lines: readonly LineState[]): RequestState {
  if (current === "canceled") return current;
  const live = lines.filter((s) => s !== "canceled" && s !== "rejected");
  if (lines.length && lines.every((s) => s === "rejected")) return "rejected";
  if (live.length && live.every((s) => s === "shipped")) return "shipped";
  if (!lines.includes("open") && lines.includes("acknowledged")) return "acknowledged";
  return current;
}

async function resettle(
  tx: Db,
  scope: { workspaceId: string; requestId: string },
  actor: HistoryEntry["actor"],
  message: string,
  now: Date,
): Promise<RequestState> {
  const [request] = await tx
    .select({ state: fulfillmentRequests.state })
    .from(fulfillmentRequests)
    .where(eq(fulfillmentRequests.id, scope.requestId))
    .for("update");
  const lines = await tx
    .select({ state: fulfillmentRequestLines.state })
    .from(fulfillmentRequestLines)
    .where(eq(fulfillmentRequestLines.requestId, scope.requestId));
  const from = request!.state;
  const to = stateFromLines(
    from,
    lines.map((l) => l.state),
  );
  if (to !== from) {
    await tx
      .update(fulfillmentRequests)
      .set({ state: to, updatedAt: now, ...(from === "pending" ? { deliveredAt: now } : {}) })
      .where(eq(fulfillmentRequests.id, scope.requestId));
  }
  await recordHistory(tx, [{ ...scope, fromState: from, toState: to, actor, message, at: now }]);
  return to;
}

/**
 * The vendor's answer on lines of its request: acknowledge them, or reject them with a reason.
 * `lines` empty means every open line. Errors: NOT_FOUND (not in the key's workspace), FORBIDDEN
 * (another vendor's request), CONFLICT (the request is canceled, shipped or rejected, or a line is
 * no longer open), VALIDATION (a reject without a reason, a line not on the request).
 */
export async function answerRequestLines(
  db: Db,
  key: { workspaceId: string; vendorId: string },
  requestId: string,
  answer: { kind: "acknowledge" | "reject"; lines: string[]; reason: string },
  now = new Date(),
): Promise<{ state: RequestState }> {
  if (answer.kind === "reject" && !answer.reason.trim())
    throw new AppError("VALIDATION", "Say why the lines are rejected.", { fieldErrors: { reason: "Required" } });
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(fulfillmentRequests)
      .where(and(eq(fulfillmentRequests.id, requestId), eq(fulfillmentRequests.workspaceId, key.workspaceId)))
      .for("update");
    if (!request) throw notFound("That request");
    if (request.vendorId !== key.vendorId) throw new AppError("FORBIDDEN", "This request belongs to another vendor.");
    if (!OPEN_REQUEST_STATES.includes(request.state))
      throw new AppError("CONFLICT", `Request ${request.number} is ${request.state}; it takes no more answers.`);
    const lines = await tx
      .select()
      .from(fulfillmentRequestLines)
      .where(eq(fulfillmentRequestLines.requestId, request.id));
    const byItem = new Map(lines.map((l) => [l.orderItemId, l]));
    const fieldErrors: Record<string, string> = {};
    answer.lines.forEach((id, i) => {
      const line = byItem.get(id);
      if (!line) fieldErrors[`lines.${i}`] = "This line is not on the request";
      else if (line.state !== "open" && line.state !== "acknowledged")
        fieldErrors[`lines.${i}`] = `This line is already ${line.state}`;
    });
    if (Object.keys(fieldErrors).length)
      throw new AppError("VALIDATION", Object.values(fieldErrors)[0]!, { fieldErrors });
    const chosen = answer.lines.length
      ? answer.lines
      : lines
          .filter((l) => l.state === "open" || (answer.kind === "reject" && l.state === "acknowledged"))
          .map((l) => l.orderItemId);
    if (chosen.length === 0) throw new AppError("CONFLICT", `Request ${request.number} has no open lines left.`);
    const state: LineState = answer.kind === "acknowledge" ? "acknowledged" : "rejected";
    await tx
      .update(fulfillmentRequestLines)
      .set({ state, rejectReason: answer.kind === "reject" ? answer.reason.trim() : null })
      .where(
        and(eq(fulfillmentRequestLines.requestId, request.id), inArray(fulfillmentRequestLines.orderItemId, chosen)),
      );
    if (answer.kind === "reject")
      await tx
        .update(fulfillmentRequests)
        .set({ rejectReason: answer.reason.trim(), updatedAt: now })
        .where(eq(fulfillmentRequests.id, request.id));
    const skus = lines.filter((l) => chosen.includes(l.orderItemId)).map((l) => l.sku ?? l.orderItemId);
    const message =
      answer.kind === "acknowledge"
        ? `The vendor acknowledged ${chosen.length} line(s): ${skus.join(", ")}.`
        : `The vendor rejected ${chosen.length} line(s): ${skus.join(", ")}. Reason: ${answer.reason.trim()}`;
    const to = await resettle(tx, { workspaceId: key.workspaceId, requestId: request.id }, "vendor", message, now);
    return { state: to };
  });
}

/** A pull vendor fetched its pending requests: they count as delivered from now. */
export async function markPulled(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
  requestIds: string[],
  now = new Date(),
): Promise<void> {
  if (requestIds.length === 0) return;
  await db.transaction(async (tx) => {
    const moved = await tx
      .update(fulfillmentRequests)
      .set({ state: "delivered", deliveredAt: now, updatedAt: now })
      .where(
        and(
          eq(fulfillmentRequests.workspaceId, scope.workspaceId),
          eq(fulfillmentRequests.vendorId, scope.vendorId),
          eq(fulfillmentRequests.state, "pending"),
          inArray(fulfillmentRequests.id, requestIds),
        ),
      )
      .returning({ id: fulfillmentRequests.id });
    await recordHistory(
      tx,
      moved.map((m) => ({
        workspaceId: scope.workspaceId,
        requestId: m.id,
        fromState: "pending" as const,
        toState: "delivered" as const,
        actor: "vendor" as const,
        message: "The vendor fetched the request through the API.",
        at: now,
      })),
    );
  });
}

/**
 * After a shipment on `orderId`: lines of the order's live requests whose quantity the order's
 * shipments now cover become shipped, and each request's state follows (history rows written).
 */
export async function settleShippedLines(
  tx: Db,
  scope: { workspaceId: string; orderId: string },
  actor: HistoryEntry["actor"],
  message: string,
  now = new Date(),
): Promise<void> {
  const whole = await tx
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.orderId, scope.orderId), eq(shipments.coversWholeOrder, true)))
    .limit(1);
  const covered = await tx
    .select({ orderItemId: shipmentItems.orderItemId, quantity: sql<number>`sum(${shipmentItems.quantity})::int` })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(eq(shipments.orderId, scope.orderId))
    .groupBy(shipmentItems.orderItemId);
  const coveredBy = new Map(covered.map((c) => [c.orderItemId, c.quantity]));
  const lines = await tx
    .select({ line: fulfillmentRequestLines, requestState: fulfillmentRequests.state })
    .from(fulfillmentRequestLines)
    .innerJoin(fulfillmentRequests, eq(fulfillmentRequests.id, fulfillmentRequestLines.requestId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, scope.workspaceId),
        eq(fulfillmentRequests.orderId, scope.orderId),
        inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]),
        inArray(fulfillmentRequestLines.state, ["open", "acknowledged"]),
      ),
    );
  const done = lines.filter(({ line }) => whole.length > 0 || (coveredBy.get(line.orderItemId) ?? 0) >= line.quantity);
  if (done.length === 0) return;
  await tx
    .update(fulfillmentRequestLines)
    .set({ state: "shipped" })
    .where(
      inArray(
        fulfillmentRequestLines.id,
        done.map((d) => d.line.id),
      ),
    );
  for (const requestId of new Set(done.map((d) => d.line.requestId)))
    await resettle(tx, { workspaceId: scope.workspaceId, requestId }, actor, message, now);
}

/** Requests of the workspace that are still open for the order (for the order page and cancellations). */
export async function openRequestIdsOf(tx: Db, workspaceId: string, orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await tx
    .select({ id: fulfillmentRequests.id })
    .from(fulfillmentRequests)
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, workspaceId),
        inArray(fulfillmentRequests.orderId, orderIds),
        inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]),
        isNull(fulfillmentRequests.cancelMessageId),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * What a Sync Orders page decided, collected as it goes: each shipment's update, the packages
 * SellerCloud has, the run events, the waiting count and the SellerCloud call tally. index.ts turns
 * it into the PageOutcome; commit.ts writes it.
 */

import type { ShipmentPackage } from "@/db/schema/shipments";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import type { RunEventInput } from "../types";
import { SyncFailure, type SyncFailureCode, type SyncNoticeCode } from "./codes";
import type { AppliedPackage, Candidate, OrderGroup, ShipmentUpdate } from "./model";

/** A failure of one or more shipments of an order. */
export interface SyncFailureInput {
  code: SyncFailureCode;
  /** The plain sentence stored on the shipment and used as the event's message. */
  reason: string;
  /** Retried automatically on later runs (up to maxAutoAttempts SellerCloud attempts). */
  retryable: boolean;
  /** A SellerCloud write was attempted (counts towards the shipment's attempts). */
  attempted: boolean;
  /** The event's level; "error" unless said. */
  level?: "error" | "warn";
}

export class SyncOutcomes {
  /** Shipment id -> its update. */
  readonly updates = new Map<string, ShipmentUpdate>();
  /** Shipment package id -> SellerCloud has its number. */
  readonly applied = new Map<string, AppliedPackage>();
  readonly events: RunEventInput[] = [];
  /** Shipments left for later without a failure (waiting for the rest, dry run). */
  skipped = 0;
  /**
   * Conduit order id -> SellerCloud's shipping status as this page learnt it: Fully Shipped once
   * SellerCloud has our tracking (any tracking update ships the whole order there), or when the
   * read-back showed it shipped already (shipped_elsewhere, no_free_package). commit.ts writes it
   * to the order (sc_shipping_status, sc_shipped_at).
   */
  readonly scShipping = new Map<string, number | null>();
  /** SellerCloud calls the page made, and the fewest its work could have taken. */
  readonly stats = { calls: 0, minimumCalls: 0 };

  /** Marks `list` failed (keeping calls and an earlier attempt) and reports it as one order event. */
  fail(group: OrderGroup, list: readonly Candidate[], failure: SyncFailureInput): void {
    const { code, reason, retryable, attempted, level = "error" } = failure;
    if (code === SyncFailure.ShippedElsewhere || code === SyncFailure.NoFreePackage)
      this.scShipping.set(group.orderId, ShippingStatus.FullyShipped);
    for (const c of list) {
      const previous = this.updates.get(c.shipment.id);
      this.updates.set(c.shipment.id, {
        ...previous,
        state: "failed",
        code,
        reason,
        retryable,
        attempted: attempted || (previous?.attempted ?? false),
        calls: previous?.calls ?? 0,
      });
    }
    this.events.push({
      level,
      entity: "order",
      entityId: String(group.scOrderId),
      code,
      message: reason,
      details: { shipments: list.map((c) => c.shipment.id) },
    });
  }

  /** An event about an order that is not a failure (info unless said). */
  notice(group: OrderGroup, code: SyncNoticeCode, message: string, level: "info" | "warn" = "info"): void {
    this.events.push({ level, entity: "order", entityId: String(group.scOrderId), code, message });
  }

  isFailed(candidate: Candidate): boolean {
    return this.updates.get(candidate.shipment.id)?.state === "failed";
  }

  isSending(candidate: Candidate): boolean {
    return this.updates.get(candidate.shipment.id)?.state === "sending";
  }

  /** SellerCloud has this package's number (from an earlier run or this page). */
  isApplied(pkg: ShipmentPackage): boolean {
    return Boolean(pkg.scAppliedAt) || this.applied.has(pkg.id);
  }

  /** Records that SellerCloud has the package's number (`scPackageId`: the package it went on, if chosen). */
  apply(pkg: ShipmentPackage, at: Date, scPackageId: number | null): void {
    this.applied.set(pkg.id, { at, scPackageId });
  }

  /** The shipment is being written: an attempt, with what is sent. */
  sending(candidate: Candidate, sent: { carrier?: string; service?: string; shipDate: string }): void {
    const previous = this.updates.get(candidate.shipment.id);
    this.updates.set(candidate.shipment.id, {
      ...previous,
      state: "sending",
      attempted: true,
      calls: previous?.calls ?? 0,
      sentCarrier: sent.carrier,
      sentService: sent.service,
      sentShipDate: sent.shipDate,
    });
  }

  /**
   * Marks synced every shipment of the group whose packages SellerCloud all has, unless it failed
   * on this page; the carrier and service sent default to the template's first package values.
   */
  finishSynced(group: OrderGroup): void {
    for (const c of group.candidates) {
      if (!c.packages.every((p) => this.isApplied(p))) continue;
      const previous = this.updates.get(c.shipment.id);
      if (previous?.state === "failed") continue;
      const first = c.values.values().next().value;
      this.updates.set(c.shipment.id, {
        ...previous,
        state: "synced",
        attempted: previous?.attempted ?? false,
        calls: previous?.calls ?? 0,
        sentCarrier: previous?.sentCarrier ?? first?.carrier,
        sentService: previous?.sentService ?? first?.service,
      });
      this.scShipping.set(group.orderId, ShippingStatus.FullyShipped);
    }
  }

  /** Books `calls` SellerCloud calls on a shipment that already has an update. */
  addCalls(candidate: Candidate, calls: number): void {
    const update = this.updates.get(candidate.shipment.id);
    if (update) update.calls += calls;
  }

  /** Shipments synced and failed on this page. */
  tally(): { synced: number; failed: number } {
    let synced = 0;
    let failed = 0;
    for (const u of this.updates.values()) {
      if (u.state === "synced") synced++;
      else if (u.state === "failed") failed++;
    }
    return { synced, failed };
  }
}

/**
 * Sync Orders' shapes: the run's cursor and options, and what its steps (plan, send, commit)
 * pass between them: an order group with its candidate shipments, and a shipment's pending update.
 */

import type { Shipment, ShipmentPackage } from "@/db/schema/shipments";
import type { ShippingMapping } from "@/lib/channels/settings";
import type { SyncValues } from "@/lib/mapping/sync-evaluate";
import type { SyncFailureCode } from "./codes";

export interface SyncOrdersCursor {
  /** Orders are paged by Conduit order id (keyset): every unsent shipment of an order goes together. */
  afterOrderId: string | null;
  /**
   * The sync_orders template version the run maps with, fixed on its first page (null: the
   * built-in default, which sends what the channel's shipping mappings give). Absent before that.
   */
  templateVersionId?: string | null;
}

export interface SyncOrdersOptions {
  /** Orders per page; one read-back call covers 50. */
  pageOrders?: number;
  /** Ship dates are kept this far behind "now": SellerCloud refuses future dates and its clock (and zone) may differ. */
  shipDateSlackMs?: number;
  /** Failed shipments are retried automatically on later runs up to this many SellerCloud attempts. */
  maxAutoAttempts?: number;
}

/** Default SyncOrdersOptions.shipDateSlackMs: five minutes. */
export const SHIP_DATE_SLACK_MS = 5 * 60_000;
/** Default SyncOrdersOptions.maxAutoAttempts. */
export const MAX_AUTO_ATTEMPTS = 5;

/** What the page decided for one shipment; written by commit.ts. */
export interface ShipmentUpdate {
  state: "sending" | "synced" | "failed" | "pending";
  reason?: string;
  code?: SyncFailureCode;
  retryable?: boolean;
  /** A SellerCloud write was attempted (counts towards shipments.attempts). */
  attempted: boolean;
  /** SellerCloud calls booked on this shipment. */
  calls: number;
  sentCarrier?: string;
  sentService?: string;
  /** The ship date as sent, SellerCloud's body format (formatBodyDate). */
  sentShipDate?: string;
}

/** A package SellerCloud has: when we saw it there, and the SellerCloud package id when we chose it. */
export interface AppliedPackage {
  at: Date;
  scPackageId: number | null;
}

/** A shipment the page may send. */
export interface Candidate {
  shipment: Shipment;
  packages: ShipmentPackage[];
  mapping: ShippingMapping | null;
  /** The template's shipping update per package id (filled once the carrier is mapped). */
  values: Map<string, SyncValues>;
}

/** One order of the page with its candidate shipments. */
export interface OrderGroup {
  orderId: string;
  scOrderId: number;
  /** Conduit order item id -> SellerCloud order item id (for per-package items). */
  scItemIds: Map<string, number>;
  createdOn: string | null;
  orderSourceOrderId: string | null;
  /** Every package of the order's shipments, candidates or not (already-sent ones included). */
  allPackages: ShipmentPackage[];
  candidates: Candidate[];
}

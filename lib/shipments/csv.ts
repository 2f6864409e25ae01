import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shipmentPackages } from "@/db/schema/shipments";
import { AppError, isAppError } from "@/lib/errors";
import { findOrderForShipment, type OrderRef, recordShipment } from "./record";
import { MAX_TRACKING_NUMBERS, parseShipDate } from "./schemas";

/**
 * Shipments from a CSV: one row per tracking number with the order number (SellerCloud order ID
 * or the marketplace order number), carrier, service and ship date. Rows of the same order,
 * carrier and service become one shipment with several tracking numbers. Bad rows are reported
 * with their row number and the good ones are kept; a tracking number already recorded on the
 * order is skipped, so uploading the same file twice records nothing twice.
 */

export const SHIPMENT_CSV_COLUMNS = ["order_number", "tracking_number", "carrier", "service", "ship_date"] as const;
type Column = (typeof SHIPMENT_CSV_COLUMNS)[number];

const HEADER_ALIASES: Record<Column, string[]> = {
  order_number: ["ordernumber", "order", "orderid", "sellercloudorderid", "ordersourceorderid", "orderno"],
  tracking_number: ["trackingnumber", "tracking", "trackingno", "trackingid"],
  carrier: ["carrier", "shippingcarrier"],
  service: ["service", "shippingservice", "shippingmethod", "method"],
  ship_date: ["shipdate", "shippeddate", "dateshipped", "date"],
};

export const MAX_CSV_ROWS = 20_000;

export interface ShipmentCsvRowError {
  /** Spreadsheet row: the header is row 1. */
  row: number;
  column: string | null;
  message: string;
}

export interface ShipmentCsvResult {
  rows: number;
  shipmentsCreated: number;
  trackingNumbersRecorded: number;
  /** Rows whose tracking number was already on the order. */
  skipped: number;
  rejected: number;
  errors: ShipmentCsvRowError[];
}

interface Row {
  row: number;
  orderNumber: string;
  trackingNumber: string;
  carrier: string;
  service: string;
  shipDate: Date | undefined;
}

const normaliseHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

export async function importShipmentsCsv(
  db: Db,
  ctx: { workspaceId: string; userId?: string | null; now?: Date },
  text: string,
): Promise<ShipmentCsvResult> {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new AppError(
      "VALIDATION",
      `The file is not valid CSV: ${error instanceof Error ? error.message : "parse error"}.`,
    );
  }
  const [header, ...data] = records;
  if (!header) throw new AppError("VALIDATION", "The file is empty.");
  if (data.length > MAX_CSV_ROWS) throw new AppError("VALIDATION", `At most ${MAX_CSV_ROWS} rows per file; split it.`);
  const index = new Map<Column, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    for (const column of SHIPMENT_CSV_COLUMNS) {
      if (!index.has(column) && (normaliseHeader(column) === key || HEADER_ALIASES[column].includes(key)))
        index.set(column, i);
    }
  });
  const missing = (["order_number", "tracking_number", "carrier"] as const).filter((c) => !index.has(c));
  if (missing.length) {
    throw new AppError(
      "VALIDATION",
      `The header needs the column(s) ${missing.join(", ")} (expected: ${SHIPMENT_CSV_COLUMNS.join(", ")}).`,
    );
  }

  const result: ShipmentCsvResult = {
    rows: data.length,
    shipmentsCreated: 0,
    trackingNumbersRecorded: 0,
    skipped: 0,
    rejected: 0,
    errors: [],
  };
  const reject = (row: number, column: string | null, message: string) => {
    result.rejected++;
    result.errors.push({ row, column, message });
  };
  const cell = (record: string[], column: Column) => {
    const i = index.get(column);
    return i === undefined ? "" : (record[i] ?? "").trim();
  };

  const parseRow = (record: string[], row: number): Row | ShipmentCsvRowError => {
    const orderNumber = cell(record, "order_number");
    const trackingNumber = cell(record, "tracking_number");
    const carrier = cell(record, "carrier");
    const service = cell(record, "service");
    const dateText = cell(record, "ship_date");
    if (!orderNumber) return { row, column: "order_number", message: "The order number is empty." };
    if (!trackingNumber) return { row, column: "tracking_number", message: "The tracking number is empty." };
    if (trackingNumber.length > 100 || !/^[\w\- .#/]+$/.test(trackingNumber)) {
      return {
        row,
        column: "tracking_number",
        message: `"${trackingNumber.slice(0, 40)}" is not a tracking number (letters, digits, dashes).`,
      };
    }
    if (!carrier) return { row, column: "carrier", message: "The carrier is empty." };
    if (carrier.length > 100 || service.length > 100)
      return { row, column: "carrier", message: "Carrier and service have at most 100 characters." };
    let shipDate: Date | undefined;
    if (dateText) {
      const parsed = parseShipDate(dateText);
      if (!parsed) return { row, column: "ship_date", message: `"${dateText}" is not a date (use YYYY-MM-DD).` };
      shipDate = parsed;
    }
    return { row, orderNumber, trackingNumber, carrier, service, shipDate };
  };

  const rows: Row[] = [];
  data.forEach((record, i) => {
    const parsed = parseRow(record, i + 2);
    if ("message" in parsed) reject(parsed.row, parsed.column, parsed.message);
    else rows.push(parsed);
  });

  // Group: same order + carrier + service = one shipment (case-insensitive carrier/service).
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.orderNumber}\u0000${row.carrier.toLowerCase()}\u0000${row.service.toLowerCase()}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }

  const orderCache = new Map<string, OrderRef | string>();
  for (const group of groups.values()) {
    const first = group[0]!;
    let order = orderCache.get(first.orderNumber);
    if (order === undefined) {
      try {
        order = await findOrderForShipment(db, ctx.workspaceId, { orderNumber: first.orderNumber });
      } catch (error) {
        if (!isAppError(error)) throw error;
        // Another workspace's order reads as "not found" here: an upload must not reveal it.
        order =
          error.code === "VALIDATION" ? error.message : `Order "${first.orderNumber}" was not found in this workspace.`;
      }
      orderCache.set(first.orderNumber, order);
    }
    if (typeof order === "string") {
      for (const r of group) reject(r.row, "order_number", order);
      continue;
    }

    // Already-recorded numbers (a re-upload) and repeats within the file are skipped, not errors.
    const existing = await db
      .select({ trackingNumber: shipmentPackages.trackingNumber })
      .from(shipmentPackages)
      .where(
        and(
          eq(shipmentPackages.workspaceId, ctx.workspaceId),
          eq(shipmentPackages.orderId, order.id),
          inArray(
            shipmentPackages.trackingNumber,
            group.map((r) => r.trackingNumber),
          ),
        ),
      );
    const taken = new Set(existing.map((e) => e.trackingNumber));
    const fresh: Row[] = [];
    for (const r of group) {
      if (taken.has(r.trackingNumber)) {
        result.skipped++;
        continue;
      }
      taken.add(r.trackingNumber);
      fresh.push(r);
    }
    if (!fresh.length) continue;
    if (fresh.length > MAX_TRACKING_NUMBERS) {
      for (const r of fresh)
        reject(
          r.row,
          "tracking_number",
          `One shipment holds at most ${MAX_TRACKING_NUMBERS} tracking numbers; this order has ${fresh.length} rows with the same carrier and service.`,
        );
      continue;
    }
    try {
      await recordShipment(
        db,
        { workspaceId: ctx.workspaceId, source: "csv", userId: ctx.userId, now: ctx.now },
        order,
        {
          carrier: first.carrier,
          service: first.service,
          trackingNumbers: fresh.map((r) => r.trackingNumber),
          shipDate: fresh.find((r) => r.shipDate)?.shipDate,
          items: [],
        },
      );
      result.shipmentsCreated++;
      result.trackingNumbersRecorded += fresh.length;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const fieldErrors = error.fieldErrors ?? {};
      for (const [i, r] of fresh.entries()) {
        const own = fieldErrors[`trackingNumbers.${i}`];
        const column = own ? "tracking_number" : fieldErrors.shipDate ? "ship_date" : null;
        reject(r.row, column, own ?? fieldErrors.shipDate ?? error.message);
      }
    }
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

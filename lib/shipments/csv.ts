/**
 * Shipments from a CSV: one row per tracking number with the order number (SellerCloud order ID
 * or the marketplace order number), carrier, service and ship date. Rows of the same order,
 * carrier and service become one shipment with several tracking numbers. Bad rows are reported
 * with their row number and the good ones are kept; a tracking number already recorded on the
 * order is skipped, so uploading the same file twice records nothing twice. The file is read by
 * lib/csv (encoding, delimiter, binary refusal, cleaning, a stop at an unclosed quote) and
 * tracking numbers are stored normalised (./tracking.ts: "1z 999-aa1" -> "1Z999AA1").
 */
import type { Db } from "@/db/client";
import { rowWidthProblem } from "@/lib/csv/columns";
import { type CsvFormat, type CsvSource, type CsvStop, openCsv } from "@/lib/csv/read";
import { AppError, isAppError } from "@/lib/errors";
import { findOrderForShipment, type OrderRef, recordedTrackingNumbers, recordShipment } from "./record";
import { MAX_TRACKING_NUMBERS, parseShipDate } from "./schemas";
import { normalizeTrackingNumber } from "./tracking";

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
  /** Data rows read (rows after a stop were not read and are not counted). */
  rows: number;
  shipmentsCreated: number;
  trackingNumbersRecorded: number;
  /** Rows whose tracking number was already on the order. */
  skipped: number;
  rejected: number;
  errors: ShipmentCsvRowError[];
  /** Orders recorded on although SellerCloud already has them Fully Shipped, with what Sync Orders will do. */
  warnings: { row: number; orderNumber: string; message: string }[];
  /** How the file was read: its text encoding and delimiter. */
  format: CsvFormat;
  /** Cells that had control characters or broken characters removed. */
  cleanedCells: number;
  /** Set when reading stopped before the end of the file (a quote that never closes). */
  stopped: CsvStop | null;
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

/**
 * Records the shipments of a CSV file (text, bytes or a stream of bytes) for orders of the
 * workspace. A file that is not text, is empty, lacks a required column, names one twice or has
 * more than MAX_CSV_ROWS rows is a VALIDATION error; bad rows are reported and skipped.
 */
export async function importShipmentsCsv(
  db: Db,
  ctx: { workspaceId: string; userId?: string | null; now?: Date },
  input: CsvSource,
): Promise<ShipmentCsvResult> {
  const file = await openCsv(input, { trim: true });
  const header = file.header;
  const index = new Map<Column, number>();
  const twice: string[] = [];
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    for (const column of SHIPMENT_CSV_COLUMNS) {
      if (normaliseHeader(column) !== key && !HEADER_ALIASES[column].includes(key)) continue;
      if (!index.has(column)) index.set(column, i);
      else if (!twice.includes(column)) twice.push(column);
    }
  });
  const missing = (["order_number", "tracking_number", "carrier"] as const).filter((c) => !index.has(c));
  if (missing.length) {
    file.close();
    throw new AppError(
      "VALIDATION",
      `The header needs the column(s) ${missing.join(", ")} (expected: ${SHIPMENT_CSV_COLUMNS.join(", ")}).`,
    );
  }
  if (twice.length) {
    file.close();
    const where = (column: string) =>
      header
        .map((h, i) => [normaliseHeader(h), i + 1] as const)
        .filter(([key]) => key === normaliseHeader(column) || HEADER_ALIASES[column as Column].includes(key))
        .map(([, n]) => n)
        .join(" and ");
    throw new AppError(
      "VALIDATION",
      `The header has more than one column for ${twice.map((c) => `${c} (columns ${where(c)})`).join(", ")}; keep one of each.`,
    );
  }

  const data: Array<{ row: number; cells: string[] }> = [];
  try {
    for await (const record of file.records()) {
      if (data.length >= MAX_CSV_ROWS)
        throw new AppError("VALIDATION", `At most ${MAX_CSV_ROWS} rows per file; split it.`);
      data.push(record);
    }
  } finally {
    file.close();
  }

  const result: ShipmentCsvResult = {
    rows: data.length,
    shipmentsCreated: 0,
    trackingNumbersRecorded: 0,
    skipped: 0,
    rejected: 0,
    errors: [],
    warnings: [],
    format: file.format,
    cleanedCells: file.cleanedCells,
    stopped: file.stopped,
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
    if (record.length > header.length) {
      return {
        row,
        column: null,
        message: `This row ${rowWidthProblem(record.length, header.length, file.format.delimiter)}.`,
      };
    }
    const orderNumber = cell(record, "order_number");
    const typedTracking = cell(record, "tracking_number");
    const trackingNumber = normalizeTrackingNumber(typedTracking);
    const carrier = cell(record, "carrier");
    const service = cell(record, "service");
    const dateText = cell(record, "ship_date");
    if (!orderNumber) return { row, column: "order_number", message: "The order number is empty." };
    if (!trackingNumber) return { row, column: "tracking_number", message: "The tracking number is empty." };
    if (trackingNumber.length > 100 || !/^[\w.#/]+$/.test(trackingNumber)) {
      return {
        row,
        column: "tracking_number",
        message: `"${typedTracking.slice(0, 40)}" is not a tracking number (letters, digits, dashes).`,
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
  for (const { row, cells } of data) {
    const parsed = parseRow(cells, row);
    if ("message" in parsed) reject(parsed.row, parsed.column, parsed.message);
    else rows.push(parsed);
  }

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

    // Already-recorded numbers (a re-upload, compared normalised) and repeats within the file are
    // skipped, not errors.
    const taken = await recordedTrackingNumbers(db, ctx.workspaceId, order.id);
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
      const recorded = await recordShipment(
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
      if (recorded.warning)
        result.warnings.push({ row: first.row, orderNumber: first.orderNumber, message: recorded.warning });
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

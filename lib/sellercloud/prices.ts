/**
 * The SellerCloud calls of Sync Prices & Quantities (reference/sellercloud-api.md §6, swagger 2022):
 * prices (GET/PUT /api/Catalog/Prices), warehouses (GET /api/Warehouses), a product's quantity per
 * warehouse (GET /api/Inventory/Warehouses), setting one product's physical quantity
 * (PUT /api/Inventory/SetPhysicalInventory), and the bulk import as a queued job
 * (PUT /api/Inventory/ImportPhysicalInventory, polled with GET /api/QueuedJobs/{id}, its per-row
 * results from GET /api/QueuedJobs/BulkUpdateLog/{id}).
 *
 * Each function takes the client whose HTTP layer (retries, throttling, budget, call counting)
 * carries the call. Prices and quantities are absolute values, so repeating a PUT after an unclear
 * failure is safe (idempotent); submitting an import job is not repeated blindly.
 *
 * Assumptions where the reference is unsure ([UNVERIFIED] there), followed by the sandbox too:
 * the import's FileContent is the file's text in base64; the file is CSV (Format 1) with the header
 * `ProductID,Qty`; the job's per-row results are in BulkUpdateLog's Products.Results
 * (ProductID, IsSucceeded, ErrorMsg).
 */

import { z } from "zod";
import type { SellerCloudClient } from "./client";
import { SellerCloudError } from "./errors";

type Api = Pick<SellerCloudClient, "http">;

/** SellerCloud's queued-job statuses (swagger QueuedJobBasic.Status). */
export const QueuedJobStatus = {
  Submitted: 0,
  Processing: 1,
  Completed: 3,
  Failed: 4,
  PartialSuccess: 5,
  OnHold: 6,
  Cancelled: 7,
  CancelledServiceRestarted: 8,
  AbortedTooMuchTime: 9,
  CancelledWhileRunning: 10,
} as const;

/** Still running: poll again. */
export function isJobRunning(status: number): boolean {
  return (
    status === QueuedJobStatus.Submitted || status === QueuedJobStatus.Processing || status === QueuedJobStatus.OnHold
  );
}

/** `UpdateType` of the bulk import: only Partial is ever sent (Full changes SKUs absent from the file). */
export const IMPORT_UPDATE_PARTIAL = 0;
/** `Format` of the bulk import: CSV. */
export const IMPORT_FORMAT_CSV = 1;

export interface ScWarehouse {
  id: number;
  name: string;
  isDefault: boolean;
  isSellable: boolean;
  /** 0 Normal, 1 FBA, 4 DropShip… (swagger ManageWarehouseDto.WarehouseType). */
  type: number | null;
}

export interface ScQueuedJob {
  id: number;
  status: number;
  totalRecords: number | null;
  totalProcessed: number | null;
  totalFailure: number | null;
  errorMessage: string | null;
}

export interface ScImportRowResult {
  productId: string;
  succeeded: boolean;
  error: string | null;
}

const pricesSchema = z.looseObject({ SitePrice: z.number().nullable().optional() });
const warehouseSchema = z.looseObject({
  ID: z.number().int(),
  Name: z.string().nullable().optional(),
  IsDefault: z.boolean().nullable().optional(),
  IsSellAble: z.boolean().nullable().optional(),
  WarehouseType: z.number().nullable().optional(),
});
const warehousesEnvelope = z.looseObject({ Items: z.array(z.unknown()), TotalResults: z.number() });
const warehouseInventorySchema = z.array(
  z.looseObject({
    ProductID: z.string().nullable().optional(),
    PhysicalQty: z.number().nullable().optional(),
    WarehouseID: z.number().nullable().optional(),
  }),
);
const jobResponseSchema = z.looseObject({ ID: z.number().int() });
const jobSchema = z.looseObject({
  Basic: z.looseObject({
    ID: z.number().int(),
    Status: z.number().int(),
    ErrorMessage: z.string().nullable().optional(),
  }),
  TotalRecords: z.number().nullable().optional(),
  TotalProcessed: z.number().nullable().optional(),
  TotalFailure: z.number().nullable().optional(),
});
const logSchema = z.looseObject({
  Products: z.looseObject({
    Results: z.array(
      z.looseObject({ ProductID: z.string(), IsSucceeded: z.boolean(), ErrorMsg: z.string().nullable().optional() }),
    ),
    TotalResults: z.number().optional(),
  }),
});

function invalid(method: string, path: string, detail: string): SellerCloudError {
  return new SellerCloudError(`SellerCloud's answer to ${method} ${path} has an unexpected shape: ${detail}.`, {
    kind: "invalid_response",
    retryable: false,
    method,
    path,
  });
}

/** The product's site price in dollars (`SitePrice`), null when SellerCloud has none. */
export async function getProductPrice(api: Api, sku: string, signal?: AbortSignal): Promise<number | null> {
  const data = await api.http.json("GET", "/api/Catalog/Prices", { query: { productID: sku }, signal });
  const parsed = pricesSchema.safeParse(data);
  if (!parsed.success) throw invalid("GET", "/api/Catalog/Prices", "expected { SitePrice, ChannelsPrices }");
  return parsed.data.SitePrice ?? null;
}

/** Sets the product's site price (dollars, whole cents); other prices are left unchanged (omitted). */
export async function updateProductPrice(api: Api, sku: string, price: number, signal?: AbortSignal): Promise<void> {
  await api.http.json("PUT", "/api/Catalog/Prices", {
    body: { ProductID: sku, SitePrice: Math.round(price * 100) / 100 },
    idempotent: true,
    signal,
  });
}

/** Every warehouse of the tenant (GET /api/Warehouses, 50 per page). */
export async function listWarehouses(api: Api, signal?: AbortSignal): Promise<ScWarehouse[]> {
  const out: ScWarehouse[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const data = await api.http.json("GET", "/api/Warehouses", {
      query: { "model.pageNumber": pageNumber, "model.pageSize": 50 },
      signal,
    });
    const envelope = warehousesEnvelope.safeParse(data);
    if (!envelope.success) throw invalid("GET", "/api/Warehouses", "expected { Items, TotalResults }");
    for (const raw of envelope.data.Items) {
      const w = warehouseSchema.safeParse(raw);
      if (!w.success) continue;
      out.push({
        id: w.data.ID,
        name: w.data.Name ?? `Warehouse ${w.data.ID}`,
        isDefault: w.data.IsDefault ?? false,
        isSellable: w.data.IsSellAble ?? true,
        type: w.data.WarehouseType ?? null,
      });
    }
    if (envelope.data.Items.length === 0 || pageNumber * 50 >= envelope.data.TotalResults) return out;
  }
}

/** The product's physical quantity in one warehouse, null when SellerCloud lists none. */
export async function getWarehouseQuantity(
  api: Api,
  sku: string,
  warehouseId: number,
  signal?: AbortSignal,
): Promise<number | null> {
  const data = await api.http.json("GET", "/api/Inventory/Warehouses", {
    query: { productID: sku, warehouseID: warehouseId },
    signal,
  });
  const parsed = warehouseInventorySchema.safeParse(data);
  if (!parsed.success) throw invalid("GET", "/api/Inventory/Warehouses", "expected a list of warehouse quantities");
  const row = parsed.data.find((r) => r.WarehouseID === warehouseId) ?? parsed.data[0];
  return row?.PhysicalQty ?? null;
}

/** Sets one product's physical quantity in a warehouse. */
export async function setPhysicalInventory(
  api: Api,
  input: { sku: string; warehouseId: number; qty: number },
  signal?: AbortSignal,
): Promise<void> {
  await api.http.json("PUT", "/api/Inventory/SetPhysicalInventory", {
    body: { WarehouseID: input.warehouseId, ProductID: input.sku, PhysicalQty: input.qty },
    idempotent: true,
    signal,
  });
}

/** The bulk file: CSV with a header, one product per row (SKUs quoted when they need it). */
export function importFileCsv(rows: ReadonlyArray<{ sku: string; qty: number }>): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ["ProductID,Qty", ...rows.map((r) => `${cell(r.sku)},${r.qty}`)].join("\r\n");
}

/**
 * Submits the physical quantities of many products in one warehouse as a queued job
 * (UpdateType Partial, never Full; Format CSV) and returns the job id. Not repeated after an
 * unclear failure: a second job would be a second import.
 */
export async function importPhysicalInventory(
  api: Api,
  input: { warehouseId: number; rows: ReadonlyArray<{ sku: string; qty: number }>; inventoryDate: Date },
  signal?: AbortSignal,
): Promise<number> {
  const data = await api.http.json("PUT", "/api/Inventory/ImportPhysicalInventory", {
    body: {
      FileContent: Buffer.from(importFileCsv(input.rows), "utf8").toString("base64"),
      InventoryDate: input.inventoryDate.toISOString(),
      UpdateType: IMPORT_UPDATE_PARTIAL,
      Format: IMPORT_FORMAT_CSV,
      WarehouseID: input.warehouseId,
    },
    idempotent: false,
    signal,
  });
  const parsed = jobResponseSchema.safeParse(data);
  if (!parsed.success) throw invalid("PUT", "/api/Inventory/ImportPhysicalInventory", "expected { ID, QueuedJobLink }");
  return parsed.data.ID;
}

/** A queued job's status and counts. */
export async function getQueuedJob(api: Api, jobId: number, signal?: AbortSignal): Promise<ScQueuedJob> {
  const path = `/api/QueuedJobs/${jobId}`;
  const data = await api.http.json("GET", path, { signal });
  const parsed = jobSchema.safeParse(data);
  if (!parsed.success) throw invalid("GET", "/api/QueuedJobs/{id}", "expected { Basic: { ID, Status } }");
  return {
    id: parsed.data.Basic.ID,
    status: parsed.data.Basic.Status,
    totalRecords: parsed.data.TotalRecords ?? null,
    totalProcessed: parsed.data.TotalProcessed ?? null,
    totalFailure: parsed.data.TotalFailure ?? null,
    errorMessage: parsed.data.Basic.ErrorMessage ?? null,
  };
}

/** The per-row results of a finished bulk job. */
export async function getBulkUpdateLog(api: Api, jobId: number, signal?: AbortSignal): Promise<ScImportRowResult[]> {
  const data = await api.http.json("GET", `/api/QueuedJobs/BulkUpdateLog/${jobId}`, { signal });
  const parsed = logSchema.safeParse(data);
  if (!parsed.success) throw invalid("GET", "/api/QueuedJobs/BulkUpdateLog/{id}", "expected { Products: { Results } }");
  return parsed.data.Products.Results.map((r) => ({
    productId: r.ProductID,
    succeeded: r.IsSucceeded,
    error: r.ErrorMsg ?? null,
  }));
}

/**
 * Sandbox area "prices": what Sync Prices & Quantities calls, with SellerCloud's shapes (swagger
 * 2022): GET/PUT /api/Catalog/Prices, GET /api/Warehouses, GET /api/Inventory/Warehouses,
 * PUT /api/Inventory/SetPhysicalInventory, PUT /api/Inventory/ImportPhysicalInventory (a queued
 * job finishing after a delay, with per-row errors), GET /api/QueuedJobs/{id} and
 * GET /api/QueuedJobs/BulkUpdateLog/{id}. Data lives in prices-state.ts. Faults apply to these
 * paths like to every other (the router checks them first).
 */

import { badRequest, SandboxError } from "../errors";
import { json } from "../exchange";
import type { SandboxArea } from "./area";
import { type ImportRow, PricesAreaState, SANDBOX_WAREHOUSES, type SandboxJob } from "./prices-state";

type Body = Record<string, unknown>;

const asBody = (body: unknown): Body =>
  body && typeof body === "object" && !Array.isArray(body) ? (body as Body) : {};

const required = (field: string) => badRequest("", { [`request.${field}`]: [`The ${field} field is required.`] });

function productOr400(own: PricesAreaState, sku: unknown): { sku: string; index: number } {
  if (typeof sku !== "string" || !sku.trim()) throw required("ProductID");
  const index = own.productIndex(sku);
  if (index < 0) throw badRequest(`Product '${sku}' does not exist.`);
  return { sku, index };
}

function warehouseOr400(own: PricesAreaState, id: unknown): number {
  if (typeof id !== "number" || !Number.isInteger(id)) throw required("WarehouseID");
  if (!own.warehouse(id)) throw badRequest(`Warehouse ${id} does not exist.`);
  return id;
}

/** Import file rows: CSV or TAB text with a header naming ProductID and Qty (any case, any order). */
export function parseImportFile(text: string, format: number): ImportRow[] {
  const sep = format === 0 ? "\t" : ",";
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = splitLine(lines[0] ?? "", sep).map((h) => h.trim().toLowerCase());
  const skuAt = header.findIndex((h) => h === "productid" || h === "sku");
  const qtyAt = header.findIndex((h) => h === "qty" || h === "physicalqty" || h === "quantity");
  if (skuAt < 0 || qtyAt < 0) throw badRequest("The file needs a header with ProductID and Qty columns.");
  return lines.slice(1).map((line) => {
    const cells = splitLine(line, sep);
    const raw = (cells[qtyAt] ?? "").trim();
    const qty = raw === "" || !/^-?\d+$/.test(raw) ? null : Number(raw);
    return { productId: (cells[skuAt] ?? "").trim(), qty, error: null };
  });
}

function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace("Z", ""));

function jobDto(job: SandboxJob) {
  const done = job.completedAt !== null;
  const failed = done ? job.rows.filter((r) => r.error).length : 0;
  return {
    Basic: {
      ID: job.id,
      CompanyID: job.companyId,
      JobType: 130,
      Status: job.status,
      ErrorMessage: done && failed === job.rows.length ? "Every row of the file failed." : null,
      Priority: 1,
      SubmittedOn: iso(job.submittedAt),
      StartedOn: iso(job.startedAt),
      CompletedOn: iso(job.completedAt),
      Process: "Import Physical Inventory",
    },
    TotalRecords: job.rows.length,
    TotalProcessed: done ? job.rows.length : 0,
    TotalSucceeded: done ? job.rows.length - failed : 0,
    TotalFailure: failed,
    TotalPhases: 1,
    CurrentPhase: done ? 1 : 0,
  };
}

function jobOr404(own: PricesAreaState, raw: string | undefined): SandboxJob {
  const job = own.job(Number(raw));
  if (!job) throw new SandboxError(404, { Message: `Queued job ${raw} was not found.` });
  return job;
}

export const pricesArea: SandboxArea<PricesAreaState> = {
  name: "prices",
  createState: (state) => new PricesAreaState(state),
  routes: [
    {
      method: "GET",
      path: "/api/Catalog/Prices",
      handle({ own, query }) {
        const sku = query.bare("productID") ?? query.one("productID");
        const { index } = productOr400(own, sku);
        return json(200, { SitePrice: own.sitePrice(sku!, index), ChannelsPrices: own.channelPricesOf(sku!) });
      },
    },
    {
      method: "PUT",
      path: "/api/Catalog/Prices",
      handle({ own, body }) {
        const b = asBody(body);
        const { sku } = productOr400(own, b.ProductID);
        const price = b.SitePrice;
        if (price !== undefined && price !== null && (typeof price !== "number" || !(price >= 0)))
          throw badRequest("", { "request.SitePrice": ["SitePrice must be a number of 0 or more."] });
        const channels = Array.isArray(b.ChannelsPrices) ? b.ChannelsPrices : undefined;
        own.setPrice(sku, price === undefined ? undefined : (price as number | null), channels);
        return json(200, null);
      },
    },
    {
      method: "GET",
      path: "/api/Warehouses",
      handle({ query }) {
        const { pageNumber, pageSize } = query.paging();
        const start = (pageNumber - 1) * pageSize;
        return json(200, {
          Items: SANDBOX_WAREHOUSES.slice(start, start + pageSize),
          TotalResults: SANDBOX_WAREHOUSES.length,
        });
      },
    },
    {
      method: "GET",
      path: "/api/Inventory/Warehouses",
      handle({ own, query }) {
        const sku = query.bare("productID");
        const { index } = productOr400(own, sku);
        const only = query.bare("warehouseID");
        const list = only === undefined ? SANDBOX_WAREHOUSES : SANDBOX_WAREHOUSES.filter((w) => w.ID === Number(only));
        return json(
          200,
          list.map((w) => {
            const qty = own.quantity(sku!, index, w.ID);
            return { ProductID: sku, WarehouseID: w.ID, PhysicalQty: qty, AvailableQty: w.IsSellAble ? qty : 0 };
          }),
        );
      },
    },
    {
      method: "PUT",
      path: "/api/Inventory/SetPhysicalInventory",
      handle({ own, body }) {
        const b = asBody(body);
        const { sku } = productOr400(own, b.ProductID);
        const warehouseId = warehouseOr400(own, b.WarehouseID ?? 1);
        const qty = b.PhysicalQty;
        if (typeof qty !== "number" || !Number.isInteger(qty) || qty < 0)
          throw badRequest("", { "model.PhysicalQty": ["PhysicalQty must be a whole number of 0 or more."] });
        own.setQuantity(sku, warehouseId, qty);
        return json(200, null);
      },
    },
    {
      method: "PUT",
      path: "/api/Inventory/ImportPhysicalInventory",
      handle({ own, body }) {
        const b = asBody(body);
        if (typeof b.FileContent !== "string" || !b.FileContent) throw required("FileContent");
        if (typeof b.InventoryDate !== "string" || Number.isNaN(Date.parse(b.InventoryDate)))
          throw required("InventoryDate");
        const format = typeof b.Format === "number" ? b.Format : 0;
        if (format === 2) throw badRequest("The sandbox reads TAB or CSV files only.");
        const updateType = typeof b.UpdateType === "number" ? b.UpdateType : 0;
        const warehouseId = warehouseOr400(own, b.WarehouseID ?? 1);
        let text: string;
        try {
          text = Buffer.from(b.FileContent, "base64").toString("utf8");
        } catch {
          throw badRequest("FileContent is not base64.");
        }
        const rows = parseImportFile(text, format);
        if (rows.length === 0) throw badRequest("The file has no rows.");
        const job = own.submitJob({ companyId: 1, warehouseId, updateType, rows });
        return json(200, { ID: job.id, QueuedJobLink: `/api/QueuedJobs/${job.id}`, Message: "Queued job created." });
      },
    },
    {
      method: "GET",
      path: /^\/api\/queuedjobs\/bulkupdatelog\/(\d+)$/,
      handle({ own, params }) {
        const job = jobOr404(own, params[0]);
        const done = job.completedAt !== null;
        const results = done
          ? job.rows.map((r, i) => ({
              ID: i + 1,
              ProductID: r.productId,
              IsSucceeded: r.error === null,
              HasWarning: false,
              ErrorMsg: r.error,
              Details: [],
            }))
          : [];
        return json(200, {
          CompanyId: job.companyId,
          TotalRecords: job.rows.length,
          TotalSucceeded: results.filter((r) => r.IsSucceeded).length,
          TotalFailed: results.filter((r) => !r.IsSucceeded).length,
          DateUploaded: iso(job.submittedAt),
          Products: { Results: results, TotalResults: results.length },
        });
      },
    },
    {
      method: "GET",
      path: /^\/api\/queuedjobs\/(\d+)$/,
      handle: ({ own, params }) => json(200, jobDto(jobOr404(own, params[0]))),
    },
  ],
};

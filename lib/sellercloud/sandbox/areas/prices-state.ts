/**
 * The per-tenant data of the sandbox's prices area (areas/prices.ts): site prices written with
 * PUT /api/Catalog/Prices (others read from the generated catalog row), the warehouses, the
 * physical quantity per warehouse and product, and bulk inventory imports as queued jobs that
 * finish after `jobDelayMs` (settled when someone looks: a poll, a read of quantities).
 *
 * In-process tests reach it with `sandbox.state.areaState(pricesArea)` to shorten the delay or
 * make chosen SKUs fail in an import (`rowErrors`), as a real tenant's rules might.
 */

import type { SandboxState } from "../state";

export interface SandboxWarehouse {
  ID: number;
  Name: string;
  IsDefault: boolean;
  WarehouseType: number;
  IsSellAble: boolean;
}

/** The tenant's warehouses: the default one holds the generated catalog's quantities. */
export const SANDBOX_WAREHOUSES: readonly SandboxWarehouse[] = [
  { ID: 1, Name: "Main warehouse", IsDefault: true, WarehouseType: 0, IsSellAble: true },
  { ID: 2, Name: "East annex", IsDefault: false, WarehouseType: 0, IsSellAble: true },
  { ID: 3, Name: "Amazon FBA", IsDefault: false, WarehouseType: 1, IsSellAble: false },
  { ID: 4, Name: "Dropship partner", IsDefault: false, WarehouseType: 4, IsSellAble: true },
];

export interface ImportRow {
  productId: string;
  qty: number | null;
  /** Why the row fails (set when the job is processed). */
  error: string | null;
}

export interface SandboxJob {
  id: number;
  companyId: number;
  warehouseId: number;
  updateType: number;
  submittedAt: number;
  /** Ms after submission when the job is done (and its rows applied). */
  finishAt: number;
  rows: ImportRow[];
  status: number;
  startedAt: number | null;
  completedAt: number | null;
}

export const JOB_STATUS = { Submitted: 0, Processing: 1, Completed: 3, Failed: 4, PartialSuccess: 5 } as const;

export class PricesAreaState {
  /** How long an import job takes (ms). */
  jobDelayMs = 1500;
  /** SKU (upper case) -> the message an import row for it fails with. */
  readonly rowErrors = new Map<string, string>();
  private readonly prices = new Map<string, number | null>();
  private readonly channelPrices = new Map<string, unknown[]>();
  private readonly quantities = new Map<string, number>();
  private readonly jobs = new Map<number, SandboxJob>();
  private nextJobId = 70_001;

  constructor(private readonly state: SandboxState) {}

  /** The product's index, or -1 when the tenant has no such SKU. */
  productIndex(sku: string): number {
    return this.state.products.productIndexOfSku(sku);
  }

  warehouse(id: number): SandboxWarehouse | undefined {
    return SANDBOX_WAREHOUSES.find((w) => w.ID === id);
  }

  sitePrice(sku: string, index: number): number | null {
    const key = sku.toUpperCase();
    if (this.prices.has(key)) return this.prices.get(key) ?? null;
    const price = this.state.catalogRowAt(index).SitePrice;
    return typeof price === "number" ? price : null;
  }

  channelPricesOf(sku: string): unknown[] {
    return this.channelPrices.get(sku.toUpperCase()) ?? [];
  }

  setPrice(sku: string, price: number | null | undefined, channels: unknown[] | undefined) {
    if (price !== undefined) this.prices.set(sku.toUpperCase(), price);
    if (channels !== undefined) this.channelPrices.set(sku.toUpperCase(), channels);
  }

  /** Physical quantity of a product in a warehouse (the default warehouse starts with the catalog's). */
  quantity(sku: string, index: number, warehouseId: number): number {
    this.settleJobs();
    const key = `${warehouseId}|${sku.toUpperCase()}`;
    const stored = this.quantities.get(key);
    if (stored !== undefined) return stored;
    if (warehouseId !== 1) return 0;
    const qty = this.state.inventoryRowAt(index).PhysicalQty;
    return typeof qty === "number" ? qty : 0;
  }

  setQuantity(sku: string, warehouseId: number, qty: number) {
    this.quantities.set(`${warehouseId}|${sku.toUpperCase()}`, qty);
  }

  submitJob(input: { companyId: number; warehouseId: number; updateType: number; rows: ImportRow[] }): SandboxJob {
    const now = this.state.config.now();
    const job: SandboxJob = {
      id: this.nextJobId++,
      ...input,
      submittedAt: now,
      finishAt: now + this.jobDelayMs,
      status: JOB_STATUS.Submitted,
      startedAt: null,
      completedAt: null,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  job(id: number): SandboxJob | undefined {
    this.settleJobs();
    return this.jobs.get(id);
  }

  /** Moves jobs along the clock: Processing after half the delay, then applied and finished. */
  settleJobs() {
    const now = this.state.config.now();
    for (const job of this.jobs.values()) {
      if (job.completedAt !== null) continue;
      if (now >= job.submittedAt + this.jobDelayMs / 2 && job.startedAt === null) {
        job.startedAt = now;
        job.status = JOB_STATUS.Processing;
      }
      if (now >= job.finishAt) this.apply(job, now);
    }
  }

  private apply(job: SandboxJob, now: number) {
    const seen = new Set<string>();
    for (const row of job.rows) {
      const index = this.productIndex(row.productId);
      const custom = this.rowErrors.get(row.productId.toUpperCase());
      if (index < 0) row.error = `Product '${row.productId}' does not exist.`;
      else if (row.qty === null || !Number.isInteger(row.qty) || row.qty < 0)
        row.error = `Invalid quantity for '${row.productId}': a whole number of 0 or more is expected.`;
      else if (custom) row.error = custom;
      if (row.error) continue;
      this.setQuantity(row.productId, job.warehouseId, row.qty!);
      seen.add(row.productId.toUpperCase());
    }
    if (job.updateType === 1) {
      // Full: every product of the warehouse absent from the file is set to 0 (why Conduit never sends Full).
      for (const key of [...this.quantities.keys()]) {
        const [wh, sku] = key.split("|");
        if (Number(wh) === job.warehouseId && !seen.has(sku!)) this.quantities.set(key, 0);
      }
    }
    const failed = job.rows.filter((r) => r.error).length;
    job.status =
      failed === 0 ? JOB_STATUS.Completed : failed === job.rows.length ? JOB_STATUS.Failed : JOB_STATUS.PartialSuccess;
    job.startedAt ??= now;
    job.completedAt = now;
  }
}

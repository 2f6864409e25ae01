/**
 * Staging: the SellerCloud identifiers a run has paged, per fetch step. The table
 * (link_staging_pages, one row per step, compact json rows) is the source of truth, committed with
 * the cursor so a crashed run resumes from its last committed step. The process that paged a run
 * also keeps its steps in memory (RunMemory), so its match step can skip re-reading the table;
 * memory is used only when it covers every step the cursor says was staged.
 */

import { and, eq, sql } from "drizzle-orm";
import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import { linkStagingPages } from "@/db/schema/catalog";
import { linkMirrorState } from "@/db/schema/link-mirror";
import { runs } from "@/db/schema/runs";
import { AppError } from "@/lib/errors";
import type { FetchPhase } from "./cursor";
import type { MatchInputs } from "./match-inputs";
import type { MirrorProduct } from "./mirror";

/**
 * A staged catalog product: [id, upc, gtin, asin, mpn, ean, lastModified] (compact: staged per
 * step as json; steps staged before lastModified was kept have six entries).
 */
export type StagedProduct = [
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];
/** An EAN from an inventory row: [id, ean]. */
export type StagedEan = [string, string];

/**
 * One fetch step's rows as this process keeps them: SellerCloud pages [from (its key), to], the
 * rows as the JSON text staging stores (an array of StagedProduct or StagedEan), how many, and
 * whether any catalog row carried its own EAN. Text, not arrays: a step's 12,500 rows would
 * otherwise stay alive as ~100k small objects from the page that read them until the match step
 * (bench:link's peak RSS on PGlite went from 941-975 MB to 875-942 MB; its collector time did not
 * measurably change).
 */
export interface StagedStep {
  to: number;
  /** Rows in `json`. */
  size: number;
  json: string;
  /** False when no row of a catalog step has its own EAN (joinSteps then reads it once). */
  hasEan: boolean;
}

/**
 * A step's or a mirror chunk's rows, read when needed: memory parses its JSON text on each read,
 * rows loaded from the database are already arrays. `hasEan` as on StagedStep; `release` lets go of
 * rows held after their last read.
 */
export interface StepRows<Row> {
  read(): Row[];
  hasEan: boolean;
  release?(): void;
}

/**
 * StepRows over rows already parsed (a mirror chunk loaded from the database), let go of on
 * release; `hasEan` is looked up in catalog rows only (joinSteps reads it for those).
 */
export function loadedRows<Row extends Array<string | null>>(rows: Row[], catalog: boolean): StepRows<Row> {
  let held: Row[] = rows;
  return {
    read: () => held,
    hasEan: catalog && rows.some((row) => row[5]),
    release: () => {
      held = [];
    },
  };
}

/** StepRows over a step's JSON text. */
const textRows = <Row>(step: StagedStep): StepRows<Row> => ({
  read: () => JSON.parse(step.json) as Row[],
  hasEan: step.hasEan,
});

/** What one process holds of a run: its steps by `${phase}:${from}`, and the match inputs it started reading. */
export interface RunMemory {
  steps: Map<string, StagedStep>;
  /** The last SellerCloud page of each phase, set when the phase is complete. */
  lastPage: Partial<Record<FetchPhase, number>>;
  /** Variants and links, read while the runner commits the last fetch step; `scope` is the listing scope they were read for (JSON). */
  inputs: { scope: string; promise: Promise<MatchInputs> } | undefined;
}

const newRunMemory = (): RunMemory => ({ steps: new Map(), lastPage: {}, inputs: undefined });

/**
 * The memories of the runs this process is paging, at most `capacity` (runs that never reached
 * their match step here, lost or failed, are dropped oldest first).
 */
export function createRunMemories(capacity = 4) {
  const memory = new Map<string, RunMemory>();
  return {
    /** The run's memory, created on first use. */
    of(runId: string): RunMemory {
      let entry = memory.get(runId);
      if (!entry) {
        if (memory.size >= capacity) memory.delete(memory.keys().next().value!);
        entry = newRunMemory();
        memory.set(runId, entry);
      }
      return entry;
    },
    /** Removes and returns the run's memory (the match step uses it once), if this process has it. */
    take(runId: string): RunMemory | undefined {
      const entry = memory.get(runId);
      memory.delete(runId);
      return entry;
    },
  };
}

export type RunMemories = ReturnType<typeof createRunMemories>;

/**
 * The staged products rebuilt from memory, with the staging table's semantics (first copy of a
 * product and first EAN win, catalog before inventory), or null unless memory holds every step of
 * both phases from page 1 and exactly the number of products the cursor counted. The steps' text
 * stays in memory until the caller clears it.
 */
export function productsFromMemory(runMemory: RunMemory, staged: number): MirrorProduct[] | null {
  const collect = (phase: FetchPhase) => {
    const last = runMemory.lastPage[phase];
    if (last === undefined) return null;
    const steps = [];
    for (let from = 1; from <= last; ) {
      const step = runMemory.steps.get(`${phase}:${from}`);
      if (!step) return null;
      steps.push(step);
      from = step.to + 1;
    }
    return steps;
  };
  const catalog = collect("catalog");
  if (!catalog) return null;
  const inventory = runMemory.lastPage.inventory === undefined ? [] : collect("inventory");
  if (!inventory) return null;
  if (catalog.reduce((n, step) => n + step.size, 0) !== staged) return null;
  return joinSteps(catalog.map(textRows<StagedProduct>), inventory.map(textRows<StagedEan>));
}

/**
 * The products of catalog steps with the EANs of inventory steps (both in page order): first copy
 * of a product and first EAN win (a product seen twice while the catalog shifted), a catalog row's
 * own EAN before an inventory row's. Steps are read one at a time and dropped once read, so the
 * rows and the products are not both held whole at the peak; a catalog step that may carry EANs is
 * read twice (its EANs first). Also rebuilds a mirror's full pass (./mirror.ts): its staging
 * steps, or the chunks they were copied into before migration 0018.
 */
export function joinSteps(catalog: StepRows<StagedProduct>[], inventory: StepRows<StagedEan>[]): MirrorProduct[] {
  const eanById = new Map<string, string>();
  for (const step of catalog) {
    if (!step.hasEan) continue;
    for (const p of step.read()) if (p[5] && !eanById.has(p[0])) eanById.set(p[0], p[5]);
  }
  for (const step of inventory) {
    for (const [id, ean] of step.read()) if (!eanById.has(id)) eanById.set(id, ean);
    step.release?.();
  }
  const products: MirrorProduct[] = [];
  for (const step of catalog) {
    for (const [id, upc, gtin, asin, mpn, , lastModified] of step.read()) {
      products.push({ id, upc, gtin, asin, mpn, ean: eanById.get(id) ?? null, lastModified: lastModified ?? null });
    }
    step.release?.();
  }
  return products;
}

/** The run's staged steps read back from the staging table (a resumed run, another worker). */
async function loadStagedMemory(db: Db, workspaceId: string, runId: string): Promise<RunMemory> {
  const rows = await db
    .select({
      phase: linkStagingPages.phase,
      fromPage: linkStagingPages.fromPage,
      toPage: linkStagingPages.toPage,
      json: sql<string>`${linkStagingPages.rows}::text`,
      size: sql<number>`json_array_length(${linkStagingPages.rows})`,
    })
    .from(linkStagingPages)
    .where(and(eq(linkStagingPages.workspaceId, workspaceId), eq(linkStagingPages.runId, runId)));
  const runMemory = newRunMemory();
  for (const row of rows) {
    runMemory.steps.set(`${row.phase}:${row.fromPage}`, {
      to: row.toPage,
      size: Number(row.size),
      json: row.json,
      hasEan: row.phase === "catalog",
    });
    runMemory.lastPage[row.phase] = Math.max(runMemory.lastPage[row.phase] ?? 0, row.toPage);
  }
  return runMemory;
}

/**
 * The run's staged products read from the staging table. Errors: AppError CONFLICT when staging
 * lacks a step the cursor says was staged (`staged`: the catalog products the cursor counted).
 */
export async function loadStagedProducts(
  db: Db,
  workspaceId: string,
  runId: string,
  staged: number,
): Promise<MirrorProduct[]> {
  const products = productsFromMemory(await loadStagedMemory(db, workspaceId, runId), staged);
  // The cursor says every page was staged; a gap means staging was tampered with or lost.
  if (!products)
    throw new AppError("CONFLICT", "This run's staged SellerCloud catalog is incomplete; start a new run.");
  return products;
}

/** Deletes the run's staging rows (the match step does, in its commit, unless they became the mirror). */
export async function deleteStaging(tx: Db, workspaceId: string, runId: string): Promise<void> {
  await tx
    .delete(linkStagingPages)
    .where(and(eq(linkStagingPages.workspaceId, workspaceId), eq(linkStagingPages.runId, runId)));
}

/** link_staging_pages' columns as COPY writes them (db/bulk.ts). */
const STAGING_COLUMNS: readonly BulkColumn[] = [
  { name: "workspace_id", type: "uuid" },
  { name: "run_id", type: "uuid" },
  { name: "phase", type: "text" },
  { name: "from_page", type: "integer" },
  { name: "to_page", type: "integer" },
  { name: "rows", type: "json" },
];

/**
 * Writes one fetch step's rows (SellerCloud pages [from, to] of `phase`; `json`: a JSON array of
 * StagedProduct or StagedEan, StagedStep.json) in the page transaction; a step written again (a
 * retried page) replaces its rows. The run's first step also clears what the workspace's finished
 * runs left behind, and the run's own leftovers. The row goes in by COPY, not as a bound
 * parameter: PGlite measures a parameter's UTF-8 length in a JavaScript loop over every character,
 * which for a step's ~1 MB made writing staging take about twice as long (34 steps of a 200k
 * catalog: ~2.0 → ~1.1 s).
 */
export async function writeStagingStep(
  tx: Db,
  step: { workspaceId: string; runId: string; phase: FetchPhase; from: number; to: number },
  json: string,
): Promise<void> {
  const { workspaceId, runId, phase, from, to } = step;
  if (phase === "catalog" && from === 1) {
    // A fresh run starts from an empty staging area, and clears what finished runs left behind
    // (but not the steps a channel's mirror is made of: ./mirror.ts).
    await tx.execute(sql`
      delete from ${linkStagingPages} where ${linkStagingPages.workspaceId} = ${workspaceId}
        and ${linkStagingPages.runId} not in (select ${runs.id} from ${runs} where ${runs.workspaceId} = ${workspaceId}
        and ${runs.status} in ('queued', 'running'))
        and ${linkStagingPages.runId} not in (select ${linkMirrorState.baseRunId} from ${linkMirrorState}
        where ${linkMirrorState.workspaceId} = ${workspaceId} and ${linkMirrorState.baseRunId} is not null)`);
    await deleteStaging(tx, workspaceId, runId);
  }
  await tx
    .delete(linkStagingPages)
    .where(
      and(
        eq(linkStagingPages.workspaceId, workspaceId),
        eq(linkStagingPages.runId, runId),
        eq(linkStagingPages.phase, phase),
        eq(linkStagingPages.fromPage, from),
      ),
    );
  await copyRows(tx, "link_staging_pages", STAGING_COLUMNS, [
    { workspace_id: workspaceId, run_id: runId, phase, from_page: from, to_page: to, rows: json },
  ]);
}

/**
 * Link Listings: connect catalog variants to existing SellerCloud products by the channel's
 * linking priority. It never creates or changes SellerCloud products.
 *
 * The cursor (./cursor.ts) walks three phases. "catalog" and "inventory" page the configured
 * company's products (inventory rows carry the EAN that catalog rows lack) into a per-run staging
 * table, a few SellerCloud pages per runner page, each committed with the cursor, so a crashed run
 * resumes from its last committed page (./fetch-step.ts, ./staging.ts). "match" then loads
 * staging, variants and links, matches in memory (lib/linking, linear) and writes the difference
 * in one transaction: a run either changes the links or it does not (./match-step.ts). The run's
 * words are in ./events.ts; the issues CSV in ./export.ts.
 *
 * Runs are full or incremental (./pass.ts): an incremental run pages only the products SellerCloud
 * says changed since the last pass and matches them with the channel's mirror of the rest
 * (./mirror.ts), so its links are those a full run would make without paging the whole catalog.
 */

import { loadOperationSettings } from "../shared/operation-settings";
import type { OperationModule } from "../types";
import type { LinkListingsCursor } from "./cursor";
import { passStartedEvent } from "./events";
import { createFetchStep } from "./fetch-step";
import { matchStep } from "./match-step";
import { decidePass } from "./pass";
import { createRunMemories, productsFromMemory } from "./staging";

export type { LinkListingsCursor } from "./cursor";
export { type LinkRunSummary, outcomeEvent } from "./events";

export interface LinkListingsOptions {
  /** SellerCloud pages fetched (and committed together) per runner page. */
  pagesPerStep?: number;
  /** SellerCloud pages in flight at once, within the connection's rate limiter. */
  concurrency?: number;
  /**
   * Per-variant "linked" events. By default only a dry run emits them ("would link"): a real run
   * records each link in listing_links (run_id, matched_by, linked_at) and the counts by pair in its
   * summary, and keeps its events for what was skipped or failed, as every run does. "always" adds
   * them to real runs too (about 40% of a 200k-variant run's write time).
   */
  linkedEvents?: "dry_run" | "always";
}

/**
 * A Link Listings module with its own prefetch and run memory (one per process in the app; tests
 * and benchmarks make their own with smaller steps). Defaults: 250 SellerCloud pages per step, 4
 * in flight, "linked" events in dry runs only.
 */
export function createLinkListingsModule(options: LinkListingsOptions = {}): OperationModule<LinkListingsCursor> {
  // 250 pages (12,500 products) per committed step: a 200k catalog is ~16 steps per phase, so the
  // runner's per-step transaction (fence, cursor, progress) stays small next to the paging, and a
  // crash loses at most one step.
  const memories = createRunMemories();
  const fetchStep = createFetchStep({
    pagesPerStep: options.pagesPerStep ?? 250,
    concurrency: options.concurrency ?? 4,
    memories,
  });

  return {
    operation: "link_listings",
    async runPage(ctx, cursor) {
      const settings = await loadOperationSettings(ctx.db, ctx, "link_listings");
      if (!cursor) {
        // A new run's first page only decides its pass (./pass.ts) and records it, with no
        // SellerCloud call, so a run that fails on its first call (a wrong password, a company
        // that is gone) or is canceled while paging still says whether it was full or
        // incremental, and why.
        const pass = await decidePass(ctx.db, ctx, settings, ctx.input ?? {}, new Date());
        const started = passStartedEvent(pass, settings.link.companyId);
        const first: LinkListingsCursor = { phase: "catalog", nextPage: 1, lastPage: null, staged: 0, pass };
        return { nextCursor: first, done: false, events: [started], progressLabel: started.message };
      }
      if (cursor.phase !== "match") return fetchStep(ctx, settings, cursor);
      // What this process staged for the run, if it covers every page the cursor says was staged;
      // a run resumed elsewhere (or after a restart) reads staging instead.
      const runMemory = memories.take(ctx.runId);
      const staged = runMemory && productsFromMemory(runMemory, cursor.staged);
      // The compact copies are no longer needed once rebuilt: free them before matching.
      runMemory?.steps.clear();
      const inputs = runMemory?.inputs?.scope === JSON.stringify(settings.scope) ? runMemory.inputs.promise : undefined;
      return matchStep(ctx, settings, options.linkedEvents ?? "dry_run", cursor.staged, cursor.pass, {
        products: staged ?? undefined,
        inputs,
      });
    },
  };
}

/** The module the app registers (lib/operations/app-runtime.ts). */
export const linkListingsModule = createLinkListingsModule();

/**
 * The fetch step: one runner page of the "catalog" or "inventory" phase. It pages the configured
 * company's products from SellerCloud (identifiers only, client.getIdentifiersPage), a few
 * SellerCloud pages per runner page with several in flight, keeps the company's rows as staging
 * rows (catalog: products; inventory: the EANs catalog rows lack) and commits them with the
 * cursor. While the runner commits, it already requests the next step's pages (or, after the
 * last step, reads the match step's inputs).
 */

import type { LinkPair } from "@/lib/channels/settings";
import type { Page } from "@/lib/sellercloud/client-pages";
import type { ScIdentifiersRow } from "@/lib/sellercloud/identifiers";
import { CleaningTally } from "@/lib/text/clean";
import type { LinkListingsSettings } from "../shared/operation-settings";
import type { OperationContext, PageOutcome, RunEventInput } from "../types";
import type { FetchCursor, FetchPhase, LinkListingsCursor, PassInfo } from "./cursor";
import { cleanedIdentifiersEvent, invalidRowEvent, otherCompanyEvent } from "./events";
import { loadMatchInputs } from "./match-inputs";
import { type RunMemories, type StagedEan, type StagedProduct, writeStagingStep } from "./staging";

/** SellerCloud's list page size (it caps pages at 50 rows). */
const PAGE_SIZE = 50;

const needsEan = (priority: readonly LinkPair[]) => priority.some((p) => p.sellercloudField === "EAN");

/** Fetches pages [from, to] with at most `concurrency` requests in flight, in page order. */
async function fetchPages<P>(
  from: number,
  to: number,
  concurrency: number,
  get: (pageNumber: number) => Promise<P>,
): Promise<P[]> {
  const results: P[] = new Array(to - from + 1);
  let next = from;
  const worker = async () => {
    while (next <= to) {
      const pageNumber = next++;
      results[pageNumber - from] = await get(pageNumber);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from + 1) }, worker));
  return results;
}

function lastPageOf(totalResults: number): number {
  return Math.max(1, Math.ceil(totalResults / PAGE_SIZE));
}

/** The SellerCloud pages a fetch step covers: one until the total is known, then pagesPerStep. */
function rangeOf(cursor: FetchCursor, pagesPerStep: number): { from: number; to: number } {
  const from = cursor.nextPage;
  return { from, to: cursor.lastPage === null ? from : Math.min(cursor.lastPage, from + pagesPerStep - 1) };
}

/**
 * A fetch step function for one module instance. `pagesPerStep`: SellerCloud pages per runner
 * page; `concurrency`: SellerCloud requests in flight; `memories`: where the steps are also kept
 * for the match step (./staging.ts).
 *
 * Each call returns the runner page for `cursor`: counts.fetched = catalog products kept,
 * progress in SellerCloud pages of the current phase (done = last page read, total = the phase's
 * last page), events for unreadable rows and other companies' rows, and the commit of the staging
 * rows. Errors: the client's (SellerCloudError), which the runner retries when retryable.
 */
export function createFetchStep(options: { pagesPerStep: number; concurrency: number; memories: RunMemories }) {
  const { pagesPerStep, concurrency, memories } = options;

  // The next step's pages, requested while the runner commits this one, so SellerCloud latency and
  // database writes overlap. Used only by the same run at exactly that cursor; anything else (a
  // retry, another worker, a resumed run) simply fetches again.
  let prefetched: { key: string; pages: Promise<CompactPage[]> } | undefined;

  async function fetchRange(
    ctx: OperationContext,
    companyId: number,
    phase: FetchPhase,
    from: number,
    to: number,
    pass: PassInfo | undefined,
  ): Promise<CompactPage[]> {
    const client = await ctx.sellercloud();
    // An incremental pass reads only products modified since (SellerCloud's clock: see ./pass.ts).
    const lastUpdatedFrom = pass?.kind === "incremental" && pass.since ? new Date(`${pass.since}Z`) : undefined;
    return fetchPages(from, to, concurrency, async (pageNumber) =>
      compactPage(
        await client.getIdentifiersPage(
          phase,
          { companyId, pageNumber, pageSize: PAGE_SIZE, lastUpdatedFrom },
          ctx.signal,
        ),
        phase,
        companyId,
      ),
    );
  }

  return async function fetchStep(
    ctx: OperationContext,
    settings: LinkListingsSettings,
    cursor: FetchCursor,
  ): Promise<PageOutcome<LinkListingsCursor>> {
    const companyId = settings.link.companyId;
    const isCatalog = cursor.phase === "catalog";
    const { from, to } = rangeOf(cursor, pagesPerStep);
    const key = `${ctx.runId}:${cursor.phase}:${from}:${to}`;
    const pending = prefetched?.key === key ? prefetched.pages : undefined;
    prefetched = undefined;
    const pages = await (pending ?? fetchRange(ctx, companyId, cursor.phase, from, to, cursor.pass));
    const events: RunEventInput[] = [];
    const { workspaceId, runId } = ctx;
    let lastPage = cursor.lastPage;
    let exhausted = false;
    let otherCompany = 0;
    let cleaned = 0;
    let rows = 0;
    let hasEan = false;
    const cleanedIds: string[] = [];
    const parts: string[] = [];
    for (const page of pages) {
      lastPage = lastPageOf(page.totalResults);
      if (page.received === 0) exhausted = true;
      for (const bad of page.invalid) events.push(invalidRowEvent(cursor.phase, page.pageNumber, bad));
      otherCompany += page.otherCompany;
      cleaned += page.cleaned;
      for (const id of page.cleanedIds) if (cleanedIds.length < 20) cleanedIds.push(id);
      if (page.rows > 0) parts.push(page.json);
      rows += page.rows;
      hasEan ||= page.hasEan;
    }
    const json = `[${parts.join(",")}]`;
    if (otherCompany > 0) events.push(otherCompanyEvent(otherCompany));
    if (cleaned > 0) events.push(cleanedIdentifiersEvent(cleaned, cleanedIds));
    const nextPage = to + 1;
    const phaseDone = exhausted || nextPage > (lastPage ?? 0);
    const staged = cursor.staged + (isCatalog ? rows : 0);
    // Calls spent so far: each SellerCloud page is one request (retries and sign-ins aside).
    const pass = cursor.pass && { ...cursor.pass, calls: cursor.pass.calls + pages.length };

    let nextCursor: LinkListingsCursor;
    if (isCatalog) {
      nextCursor = phaseDone
        ? needsEan(settings.link.priority)
          ? { phase: "inventory", nextPage: 1, lastPage: null, staged, eans: 0, pass }
          : { phase: "match", staged, pass }
        : { phase: "catalog", nextPage, lastPage, staged, pass };
    } else {
      const eanCount = (cursor as { eans: number }).eans + rows;
      nextCursor = phaseDone
        ? { phase: "match", staged, pass }
        : { phase: "inventory", nextPage, lastPage, staged, eans: eanCount, pass };
    }
    const runMemory = memories.of(ctx.runId);
    runMemory.steps.set(`${cursor.phase}:${from}`, { to, size: rows, json, hasEan });
    if (phaseDone) runMemory.lastPage[cursor.phase] = to;
    if (nextCursor.phase === "match") {
      // Read the variants and links while the runner commits this last page.
      const inputs = loadMatchInputs(ctx.db, ctx.workspaceId, ctx.channelId, settings.scope);
      inputs.catch(() => undefined);
      runMemory.inputs = { scope: JSON.stringify(settings.scope), promise: inputs };
    } else {
      const next = rangeOf(nextCursor, pagesPerStep);
      const nextPages = fetchRange(ctx, companyId, nextCursor.phase, next.from, next.to, nextCursor.pass);
      // A failed prefetch is not an error: the next step fetches those pages again.
      nextPages.catch(() => undefined);
      prefetched = { key: `${ctx.runId}:${nextCursor.phase}:${next.from}:${next.to}`, pages: nextPages };
    }
    const pageRead = Math.min(to, lastPage ?? to);
    return {
      async commit(tx) {
        await writeStagingStep(tx, { workspaceId, runId, phase: cursor.phase, from, to }, json);
      },
      counts: { fetched: isCatalog ? rows : 0 },
      events,
      nextCursor,
      done: false,
      // Pages of this phase, as the label says: the fetched count (products) is another unit.
      progress: { unit: "SellerCloud pages", done: pageRead, total: lastPage ?? undefined },
      progressLabel: `${isCatalog ? "Reading SellerCloud catalog" : "Reading SellerCloud inventory (EAN)"}${
        cursor.pass?.kind === "incremental" ? " changes" : ""
      }: page ${pageRead} of ${lastPage ?? "?"}`,
    };
  };
}

/**
 * One SellerCloud page as a fetch step keeps it until it is staged: the configured company's rows
 * as staging rows in JSON (array elements without the brackets, so a step joins its pages with
 * commas), and what the step reports about the page.
 */
interface CompactPage {
  pageNumber: number;
  totalResults: number;
  /** Rows SellerCloud returned (valid, invalid and other companies'). */
  received: number;
  /** Rows that could not be read: position and ID when known. */
  invalid: Array<{ index: number; id: string | null }>;
  /** Rows of another company, dropped. */
  otherCompany: number;
  /** Identifier strings cleaned (NUL, control or broken characters), and the first 20 products' SKUs. */
  cleaned: number;
  cleanedIds: string[];
  /** Staging rows kept: catalog StagedProduct, inventory StagedEan (only rows with an EAN). */
  rows: number;
  json: string;
  /** A catalog row of the page carried its own EAN. */
  hasEan: boolean;
}

/**
 * A page reduced to its staging rows as soon as it arrives, so a step's 250 pages in flight hold
 * one string each rather than their row objects (staging.ts StagedStep). Only the configured
 * company's rows are eligible, whatever the server sent; identifiers are cleaned at the edge (NUL,
 * control characters, lone surrogates: Postgres refuses NUL in the staging json and in listing links).
 */
function compactPage(page: Page<ScIdentifiersRow>, phase: FetchPhase, companyId: number): CompactPage {
  const tally = new CleaningTally();
  const cleanedIds: string[] = [];
  const kept: Array<StagedProduct | StagedEan> = [];
  let otherCompany = 0;
  let hasEan = false;
  for (const row of page.items) {
    if (row.companyId !== null && row.companyId !== companyId) {
      otherCompany++;
      continue;
    }
    const item = cleanIdentifiers(row, tally);
    if (item !== row && cleanedIds.length < 20) cleanedIds.push(item.id);
    // Newer tenants may send EAN on catalog rows too; inventory rows fill in the rest.
    if (phase === "catalog") {
      kept.push([item.id, item.upc, item.gtin, item.asin, item.mpn, item.ean, item.lastModified]);
      if (item.ean) hasEan = true;
    } else if (item.ean) {
      kept.push([item.id, item.ean]);
    }
  }
  return {
    pageNumber: page.pageNumber,
    totalResults: page.totalResults,
    received: page.received,
    invalid: page.invalid.map(({ index, id }) => ({ index, id })),
    otherCompany,
    cleaned: tally.changed,
    cleanedIds,
    rows: kept.length,
    json: kept.length > 0 ? JSON.stringify(kept).slice(1, -1) : "",
    hasEan,
  };
}

const IDENTIFIER_KEYS = ["id", "upc", "ean", "gtin", "asin", "mpn"] as const;

/**
 * The row with its identifiers cleaned (lib/text/clean.ts; a cleaned-out identifier is blank,
 * null), the same object when nothing changed. The ID is cleaned too, so a product's link and the
 * order lines that use it agree on the SKU.
 */
function cleanIdentifiers(row: ScIdentifiersRow, tally: CleaningTally): ScIdentifiersRow {
  let copy: ScIdentifiersRow | undefined;
  for (const key of IDENTIFIER_KEYS) {
    const value = row[key];
    if (value === null) continue;
    const cleaned = tally.clean(value);
    if (cleaned === value) continue;
    copy ??= { ...row };
    const trimmed = cleaned.trim();
    if (key === "id") copy.id = trimmed || cleaned;
    else copy[key] = trimmed || null;
  }
  return copy ?? row;
}

/**
 * The match step: the run's last page. It loads the staged SellerCloud products (from this
 * process's memory, or the staging table), the scoped variants and the current links, matches in
 * memory (lib/linking, linear), and commits the difference in one transaction: links removed and
 * added, the run's events, the channel's link issues replaced, staging deleted (a full pass's
 * becomes the mirror). A run either changes the links or it does not; a dry run writes only its
 * events.
 */

import { and, eq, inArray } from "drizzle-orm";
import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import { listingLinks } from "@/db/schema/catalog";
import { chunkForParameters } from "@/db/bulk";
import { type MatchResult, matchVariants, type VariantOutcome } from "@/lib/linking/match";
import type { LinkListingsSettings } from "../shared/operation-settings";
import { insertRunEvents } from "../shared/event-rows";
import type { OperationContext, PageOutcome, RunCounts, RunEventInput } from "../types";
import type { LinkListingsCursor, PassInfo } from "./cursor";
import {
  invalidProductCodesEvents,
  type LinkRunSummary,
  outcomeEvent,
  passEvent,
  summaryEvent,
  unlinkEvent,
} from "./events";
import { replaceLinkIssues } from "./link-issues";
import { loadMatchInputs, type MatchInputs } from "./match-inputs";
import {
  latestModified,
  loadMirrorProducts,
  type MirrorContents,
  type MirrorProduct,
  overlayChanges,
  writeMirror,
} from "./mirror";
import { deleteStaging, loadStagedProducts } from "./staging";

// Bulk writes (db/bulk.ts): rows keyed by column name.
const text = (name: string): BulkColumn => ({ name, type: "text" });
const uuid = (name: string): BulkColumn => ({ name, type: "uuid" });
const LINK_COLUMNS = [
  uuid("workspace_id"),
  uuid("channel_id"),
  uuid("variant_id"),
  text("sellercloud_product_id"),
  { name: "matched_by", type: "jsonb" },
  uuid("run_id"),
];

/**
 * The mirror write of this pass (./mirror.ts writeMirror), to run in the page's transaction.
 * `distinct`: the distinct products it holds (the match index's count: IDs compared trimmed and
 * case-insensitively, as matching does).
 */
function mirrorWriter(
  ctx: OperationContext,
  pass: PassInfo,
  companyId: number,
  readEan: boolean,
  products: MirrorProduct[],
  read: MirrorProduct[],
  mirror: MirrorContents | undefined,
  distinct: number,
): (tx: Db) => Promise<void> {
  const details = {
    kind: pass.kind,
    runId: ctx.runId,
    startedAt: new Date(pass.startedAt),
    companyId,
    maxModified: latestModified(products, null),
    readEan,
    products: distinct,
  };
  const changes = mirror && { read, earlier: mirror.changes, chunks: mirror.changeChunks };
  return (tx) => writeMirror(tx, ctx, details, changes);
}

/**
 * Matches the run's `staged` products (the count the cursor kept) against the channel's scoped
 * variants and returns the final page: counts (created = linked, unchanged = already linked,
 * skipped = unmatched, ambiguous, conflicts, invalid codes and matches not auto-linked), the
 * summary event, and a commit holding every write. `ready` passes what this process already holds
 * (products rebuilt from memory, match inputs read ahead); anything missing is read from the
 * database. `linkedEvents`: see LinkListingsOptions. Errors: AppError CONFLICT when staging is
 * incomplete (loadStagedProducts).
 */
export async function matchStep(
  ctx: OperationContext,
  settings: LinkListingsSettings,
  linkedEvents: "dry_run" | "always",
  staged: number,
  pass: PassInfo | undefined,
  ready: { products?: MirrorProduct[]; inputs?: Promise<MatchInputs> } = {},
): Promise<PageOutcome<LinkListingsCursor>> {
  const { db, workspaceId, channelId, runId, dryRun } = ctx;
  const { priority, companyId } = settings.link;
  const autoLinkNew = settings.scope.autoLinkNew;
  const incremental = pass?.kind === "incremental";
  const needsEan = priority.some((p) => p.sellercloudField === "EAN");
  const [read, inputs, mirror] = await Promise.all([
    ready.products ?? loadStagedProducts(db, workspaceId, runId, staged),
    ready.inputs ?? loadMatchInputs(db, workspaceId, channelId, settings.scope),
    incremental ? loadMirrorProducts(db, ctx) : undefined,
  ]);
  // Incremental: the products read are the changed ones; the mirror holds the rest as last read.
  const products = mirror ? overlayChanges(mirror.products, read) : read;

  const scoped = inputs.variants;
  const existingLinks = inputs.links;
  const result: MatchResult = matchVariants({ variants: scoped, products, priority, existingLinks });
  const { outcomes, unlinks, counts } = result;

  // The mirror follows SellerCloud as this run read it (dry runs leave it as it was). A full pass
  // keeps its staging steps as the mirror, so it costs a few statements, not a row per product.
  const mirrorWrite =
    !dryRun && pass ? mirrorWriter(ctx, pass, companyId, needsEan, products, read, mirror, counts.products) : undefined;

  // The linked variants' positions: their link rows are made as they are written (copyRows toRow).
  const newLinks: number[] = [];
  let notAutoLinked = 0;

  // SellerCloud's invalid codes first (a few events, among the run page's first 500 however large
  // the run); then unlinks, so a relinked variant reads "unlinked from A" then "linked to B".
  const events: RunEventInput[] = invalidProductCodesEvents(result.index.invalidCodes);
  for (const unlink of unlinks) events.push(unlinkEvent(unlink, dryRun));
  for (let i = 0; i < scoped.length; i++) {
    const variant = scoped[i]!;
    const outcome = outcomes[i]!;
    const event =
      outcome.status === "linked" && autoLinkNew && !dryRun && linkedEvents === "dry_run"
        ? null
        : outcomeEvent(variant, outcome, { priority, companyId, dryRun, autoLinkNew });
    if (event) events.push(event);
    if (outcome.status === "linked") {
      if (autoLinkNew) newLinks.push(i);
      else notAutoLinked++;
    }
  }

  const linked = autoLinkNew ? counts.linked : 0;
  const summary: LinkRunSummary = {
    products: counts.products,
    variants: counts.variants,
    linked,
    linkedByPair: autoLinkNew ? counts.linkedByPair : {},
    alreadyLinked: counts.alreadyLinked,
    unlinked: counts.unlinked,
    unmatched: counts.unmatched,
    ambiguous: counts.ambiguous,
    conflicts: counts.conflict,
    invalidCodes: counts.invalidCode,
    invalidProductCodes: counts.invalidProductCodes,
    notAutoLinked,
    dryRun,
    ...(pass && {
      kind: pass.kind,
      fullReason: pass.reason,
      since: pass.since,
      productsRead: read.length,
      calls: pass.calls,
      fullCalls: Math.ceil(counts.products / 50) * (needsEan ? 2 : 1),
    }),
  };
  const summaryRunEvent = summaryEvent(summary, companyId);

  const runCounts: Partial<RunCounts> = {
    created: linked,
    updated: 0,
    unchanged: counts.alreadyLinked,
    skipped: counts.unmatched + counts.ambiguous + counts.conflict + counts.invalidCode + notAutoLinked,
  };
  return {
    async commit(tx) {
      if (!dryRun) {
        // Removals before inserts: a product moving between variants must be free first.
        const unlinkIds = unlinks.map((u) => u.variantId);
        for (const chunk of chunkForParameters(unlinkIds, 2)) {
          await tx
            .delete(listingLinks)
            .where(
              and(
                eq(listingLinks.workspaceId, workspaceId),
                eq(listingLinks.channelId, channelId),
                inArray(listingLinks.variantId, chunk),
              ),
            );
        }
        await copyRows(tx, "listing_links", LINK_COLUMNS, newLinks, {
          toRow: (i) => {
            const outcome = outcomes[i] as Extract<VariantOutcome, { status: "linked" }>;
            return {
              workspace_id: workspaceId,
              channel_id: channelId,
              variant_id: scoped[i]!.id,
              sellercloud_product_id: outcome.productId,
              matched_by: outcome.pair,
              run_id: runId,
            };
          },
        });
      }
      // A full pass's staging becomes the mirror (./mirror.ts writeMirror) and stays.
      if (mirrorWrite) await mirrorWrite(tx);
      await insertRunEvents(tx, { workspaceId, runId }, events);
      // The issues are the issue events just written (./link-issues.ts).
      if (!dryRun) await replaceLinkIssues(tx, { workspaceId, channelId, runId });
      if (!(mirrorWrite && pass?.kind === "full")) await deleteStaging(tx, workspaceId, runId);
    },
    counts: runCounts,
    events: pass ? [passEvent(summary), summaryRunEvent] : [summaryRunEvent],
    nextCursor: { phase: "match", staged: counts.products, pass },
    done: true,
    progressLabel: summaryRunEvent.message,
  };
}

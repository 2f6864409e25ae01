/**
 * The words of a Link Listings run: the run event for each variant outcome, unlink and unreadable
 * SellerCloud row, SellerCloud's invalid codes (per field), and the run's summary (LinkRunSummary,
 * shown on the catalog page). Codes: the variant outcomes of lib/linking/match.ts plus "unlinked",
 * "not_auto_linked", "invalid_record", "other_company", "text_cleaned", "invalid_product_codes",
 * "pass_started", "pass" and "summary".
 */

import type { LinkPair } from "@/lib/channels/settings";
import type { InvalidProductCode } from "@/lib/linking/index";
import { type MatchNote, pairShortLabel, type Unlink, type VariantIds, type VariantOutcome } from "@/lib/linking/match";
import { cleanText } from "@/lib/text/clean";
import type { RunEventInput } from "../types";
import type { FetchPhase, PassInfo } from "./cursor";
import { FULL_REASON, sellerCloudTimeText } from "./pass-reasons";

/** A count in a message as the run page shows counts: 1,576. */
const count = (n: number) => n.toLocaleString("en-US");

const FIELD_LABEL: Record<string, string> = {
  sku: "SKU",
  upc: "UPC",
  ean: "EAN",
  gtin: "GTIN",
  asin: "ASIN",
  mpn: "MPN",
};

function noteText(note: MatchNote): string {
  return note.kind === "ambiguous"
    ? `${FIELD_LABEL[note.pair.listingField]} ${note.value} matched ${note.candidateCount} SellerCloud products (${pairShortLabel(note.pair)})`
    : `${FIELD_LABEL[note.field]} ${note.value} ${note.reason}`;
}

function notesSuffix(notes: MatchNote[]): string {
  return notes.length ? ` Before that: ${notes.map(noteText).join("; ")}.` : "";
}

/**
 * The outcome codes that are link issues (db/schema/catalog.ts linkIssues.status): their events
 * carry `details.variantId`, from which the match step writes the channel's link issues.
 */
export const LINK_ISSUE_CODES = ["unmatched", "ambiguous", "conflict", "invalid_code"] as const;

/**
 * The event for one variant's outcome (entity "variant", id its SKU), or null when nothing
 * happened (an unchanged link). Unmatched, ambiguous and invalid-code events carry the variant's
 * identifiers in `details.identifiers`, which the issues CSV (./export.ts) reads; every issue's
 * event (LINK_ISSUE_CODES) carries the variant's row id in `details.variantId`.
 */
export function outcomeEvent(
  variant: VariantIds,
  outcome: VariantOutcome,
  context: { priority: readonly LinkPair[]; companyId: number; dryRun: boolean; autoLinkNew: boolean },
): RunEventInput | null {
  const would = context.dryRun ? "Would link" : "Linked";
  const base = { entity: "variant", entityId: variant.sku } as const;
  switch (outcome.status) {
    case "already_linked":
      return null;
    case "linked":
      if (!context.autoLinkNew) {
        return {
          ...base,
          level: "info",
          code: "not_auto_linked",
          message: `Matches SellerCloud product ${outcome.productId} by ${pairShortLabel(outcome.pair)}, but automatic linking of new listings is off for this channel.`,
          details: { productId: outcome.productId, pair: outcome.pair },
        };
      }
      return {
        ...base,
        level: "info",
        code: "linked",
        message: `${would} to SellerCloud product ${outcome.productId} by ${pairShortLabel(outcome.pair)}.${notesSuffix(outcome.notes)}`,
        details: {
          productId: outcome.productId,
          pair: outcome.pair,
          notes: outcome.notes.length ? outcome.notes : undefined,
        },
      };
    case "conflict":
      return {
        ...base,
        level: "warn",
        code: "conflict",
        message: `SellerCloud product ${outcome.productId} (found by ${pairShortLabel(outcome.pair)}) goes to variant ${outcome.winner.sku}, found by ${pairShortLabel(outcome.winner.pair)}; a product links to one variant only.`,
        details: { productId: outcome.productId, pair: outcome.pair, winner: outcome.winner, variantId: variant.id },
      };
    case "ambiguous":
      return {
        ...base,
        level: "warn",
        code: "ambiguous",
        message: `${FIELD_LABEL[outcome.pair.listingField]} ${outcome.value} matches ${outcome.candidateCount} SellerCloud products (${outcome.candidates.join(", ")}${outcome.candidateCount > outcome.candidates.length ? ", …" : ""}) and no later rule found exactly one.`,
        details: {
          pair: outcome.pair,
          value: outcome.value,
          candidates: outcome.candidates,
          candidateCount: outcome.candidateCount,
          identifiers: identifiersOf(variant),
          variantId: variant.id,
        },
      };
    case "invalid_code":
      return {
        ...base,
        level: "warn",
        code: "invalid_code",
        message: `${FIELD_LABEL[outcome.field]} ${outcome.value} ${outcome.reason}, so it was not used; no other rule found a product.`,
        details: {
          field: outcome.field,
          value: outcome.value,
          reason: outcome.reason,
          identifiers: identifiersOf(variant),
          variantId: variant.id,
        },
      };
    case "unmatched": {
      const tried = context.priority.filter((p) => (variant[p.listingField] ?? "").trim() !== "");
      const message =
        tried.length === 0
          ? `Has none of the fields the linking rules use (${[...new Set(context.priority.map((p) => FIELD_LABEL[p.listingField]))].join(", ")}).`
          : `No SellerCloud product of company ${context.companyId} matches (tried ${tried.map(pairShortLabel).join(", ")}).`;
      return {
        ...base,
        level: "warn",
        code: "unmatched",
        message,
        details: { identifiers: identifiersOf(variant), variantId: variant.id },
      };
    }
  }
}

function identifiersOf(variant: VariantIds): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of ["upc", "ean", "gtin", "asin", "mpn"] as const) {
    const value = variant[field];
    if (value) out[field] = value;
  }
  return out;
}

const UNLINK_TEXT: Record<Unlink["reason"], string> = {
  product_missing: "is no longer in the SellerCloud catalog of this company",
  no_longer_matches: "no longer matches this variant by the linking rules",
  relinked: "is replaced by a better match",
  out_of_scope: "belongs to a variant this channel no longer manages (listing scope) or that was deleted",
};

/** A link removed (or, in a dry run, that would be): entity "variant", code "unlinked". */
export function unlinkEvent(unlink: Unlink, dryRun: boolean): RunEventInput {
  return {
    level: "warn",
    entity: "variant",
    entityId: unlink.sku ?? unlink.variantId,
    code: "unlinked",
    message: `${dryRun ? "Would unlink" : "Unlinked"} from SellerCloud product ${unlink.productId}: it ${UNLINK_TEXT[unlink.reason]}.`,
    details: { productId: unlink.productId, reason: unlink.reason, variantId: unlink.variantId },
  };
}

/** Products named in an invalid-codes event's message; the rest are in its details and the CSV. */
const INVALID_CODES_NAMED = 3;

/**
 * SellerCloud products whose own code failed validation (so they cannot be matched by that field),
 * as one event per field (entity "product", code "invalid_product_codes", the field in details): the
 * count, the first few in words, and every product in `details.products` as [SellerCloud SKU,
 * value, reason] for the run's CSV (./export.ts exportInvalidProductCodesCsv). One event per field
 * rather than one per product: a real catalog can hold tens of thousands of such codes, each of
 * which was an event row every full run wrote and a line nobody could find past the run page's
 * first 500 events. The run page does not load `details.products`.
 */
export function invalidProductCodesEvents(notes: readonly InvalidProductCode[]): RunEventInput[] {
  const byField = new Map<string, InvalidProductCode[]>();
  for (const note of notes) {
    const list = byField.get(note.field);
    if (list) list.push(note);
    else byField.set(note.field, [note]);
  }
  return [...byField].map(([field, list]) => {
    const named = list
      .slice(0, INVALID_CODES_NAMED)
      .map((n) => `${n.productId} (${field} ${n.value} ${n.reason})`)
      .join("; ");
    const more = list.length > INVALID_CODES_NAMED ? `; and ${list.length - INVALID_CODES_NAMED} more` : "";
    return {
      level: "warn",
      entity: "product",
      code: "invalid_product_codes",
      message: `${list.length} SellerCloud product(s) have a ${field} that fails validation, so they cannot be matched by ${field}: ${named}${more}. The list is in the run's CSV of invalid SellerCloud codes.`,
      details: { field, count: list.length, products: list.map((n) => [n.productId, n.value, n.reason]) },
    } satisfies RunEventInput;
  });
}

/** A catalog or inventory row that could not be read (skipped): its position and id when known. */
export function invalidRowEvent(phase: FetchPhase, pageNumber: number, row: { index: number; id: string | null }) {
  return {
    level: "warn",
    entity: "product",
    code: "invalid_record",
    message: `A SellerCloud ${phase} row on page ${pageNumber} could not be read and was skipped.`,
    // The row failed its check, so its ID was not cleaned: Postgres refuses NUL in the details.
    details: { index: row.index, id: row.id === null ? null : cleanText(row.id) },
  } satisfies RunEventInput;
}

/**
 * Identifiers of a fetch step that had NUL, control characters or broken characters removed
 * (`count` strings), naming up to 20 of the products (their SKU as cleaned).
 */
export function cleanedIdentifiersEvent(count: number, skus: string[]): RunEventInput {
  return {
    level: "info",
    entity: "page",
    code: "text_cleaned",
    message: `SellerCloud sent control characters or broken characters in ${count} identifier${count === 1 ? "" : "s"}; they were removed before linking. Products: ${skus.join(", ")}.`,
    details: { count, skus },
  };
}

/** Rows of another company in a fetch step (SellerCloud should have filtered them out). */
export function otherCompanyEvent(rows: number): RunEventInput {
  return {
    level: "warn",
    entity: "page",
    code: "other_company",
    message: `SellerCloud returned ${rows} row(s) of another company; they were ignored.`,
  };
}

/** A run's outcome in figures, in its summary event's details (the catalog page shows it). */
export interface LinkRunSummary {
  products: number;
  variants: number;
  linked: number;
  /** Links made, by pairShortLabel ("UPC → UPC"). */
  linkedByPair: Record<string, number>;
  alreadyLinked: number;
  unlinked: number;
  unmatched: number;
  ambiguous: number;
  conflicts: number;
  invalidCodes: number;
  invalidProductCodes: number;
  notAutoLinked: number;
  dryRun: boolean;
  /** Full (the whole catalog paged) or incremental (only products changed since the last pass); absent on older runs. */
  kind?: "full" | "incremental";
  /** Why a full pass (PassInfo.reason). */
  fullReason?: PassInfo["reason"];
  /** Incremental: SellerCloud's LastModifiedDate read from (its clock, ISO without zone). */
  since?: string;
  /** SellerCloud products the run read (catalog rows of the company). */
  productsRead?: number;
  /** SellerCloud pages the run requested (catalog and inventory). */
  calls?: number;
  /** Pages a full pass of the same catalog takes (estimated from the products matched). */
  fullCalls?: number;
}

/** The run's pass in words (entity "run", code "pass", info): kind, products read, calls used and saved. */
export function passEvent(summary: LinkRunSummary): RunEventInput {
  const read = summary.productsRead ?? 0;
  const calls = summary.calls ?? 0;
  const full = summary.fullCalls ?? 0;
  const message =
    summary.kind === "incremental"
      ? `Incremental run: read ${count(read)} SellerCloud product(s) changed since ${summary.since ? sellerCloudTimeText(summary.since) : "the last run"} in ${count(calls)} call(s); a full read would take about ${count(full)}, so ${count(Math.max(0, full - calls))} call(s) were saved. The rest came from Conduit's copy of SellerCloud.`
      : `Full run: read ${count(read)} SellerCloud product(s) in ${count(calls)} call(s)${summary.fullReason ? ` (${FULL_REASON[summary.fullReason]})` : ""}.`;
  return {
    level: "info",
    entity: "run",
    code: "pass",
    message,
    details: { kind: summary.kind, since: summary.since, productsRead: read, calls, fullCalls: full },
  };
}

/**
 * The run's pass as it starts (entity "run", code "pass_started", info), committed by the run's
 * first page before any SellerCloud call: so a run that is canceled, fails or is still paging
 * already says whether it reads the whole catalog or only what changed, and why. The closing
 * "pass" event (passEvent) adds the products read and the calls used and saved.
 */
export function passStartedEvent(pass: PassInfo, companyId: number): RunEventInput {
  const message =
    pass.kind === "incremental"
      ? `Incremental run: reading only the SellerCloud products of company ${companyId} changed since ${pass.since ? sellerCloudTimeText(pass.since) : "the last run"}; the rest comes from Conduit's copy of SellerCloud (${count(pass.mirrored)} product(s)).`
      : `Full run: reading every SellerCloud product of company ${companyId}${pass.reason ? ` (${FULL_REASON[pass.reason]})` : ""}.`;
  return {
    level: "info",
    entity: "run",
    code: "pass_started",
    message,
    details: { kind: pass.kind, reason: pass.reason, since: pass.since },
  };
}

/** The run's summary event (entity "run", code "summary", the summary in details). */
export function summaryEvent(summary: LinkRunSummary, companyId: number): RunEventInput {
  const { dryRun, linked } = summary;
  const byPair = Object.entries(summary.linkedByPair)
    .map(([pair, n]) => `${count(n)} by ${pair}`)
    .join(", ");
  return {
    level: "info",
    entity: "run",
    code: "summary",
    message:
      `${dryRun ? "Dry run: would link" : "Linked"} ${count(linked)} variant(s)${byPair ? ` (${byPair})` : ""}; ` +
      `${count(summary.alreadyLinked)} already linked, ${count(summary.unlinked)} ${dryRun ? "would be " : ""}unlinked, ` +
      `${count(summary.unmatched)} unmatched, ${count(summary.ambiguous)} ambiguous, ${count(summary.conflicts)} conflict(s), ` +
      `${count(summary.invalidCodes)} with an invalid code; ${count(summary.products)} SellerCloud product(s) of company ${companyId}` +
      (summary.invalidProductCodes > 0 ? `, ${count(summary.invalidProductCodes)} of them with an invalid code.` : "."),
    details: { ...summary },
  };
}

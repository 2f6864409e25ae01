import type { RunEventInput } from "../types";

/**
 * Get Orders' run events: the closed list of codes it records and the sentences people read.
 * Code that compares a Get Orders event code (components, tests) compares against these.
 */

/** Every code a Get Orders run records on its events. */
export type GetOrdersEventCode =
  /** An order SellerCloud sent failed the list-DTO schema (warn; the order is skipped). */
  | "invalid_record"
  /** The mapping template could not map an order (warn; the order is skipped). */
  | "mapping_failed"
  /** The order changed in SellerCloud but has shipped in Conduit, so it is not rewritten (info). */
  | "shipped_not_updated"
  /** Dry run: what a real run would do with the order (info). */
  | "would_create"
  | "would_update"
  | "would_skip"
  /** SellerCloud's list changed while paging; a re-check pass follows (info, entity "run"). */
  | "recheck_pass"
  /** The list kept changing after the last pass (or in a dry run); the next run checks again (info). */
  | "list_still_changing";

/** The failure codes: an order SellerCloud sent that this run skipped. */
export type GetOrdersFailureCode = Extract<GetOrdersEventCode, "invalid_record" | "mapping_failed">;

/** A run event of Get Orders: RunEventInput with its code narrowed to GetOrdersEventCode. */
export interface GetOrdersEvent extends RunEventInput {
  code: GetOrdersEventCode;
}

/** How a mapped order compares with the stored one (lib/operations/get-orders/classify.ts). */
export type Verdict = "create" | "update" | "unchanged" | "shipped";

/** An order record that failed SellerCloud's list-DTO schema; `message` says which field and why. */
export function invalidRecordEvent(id: string | null | undefined, message: string): GetOrdersEvent {
  return {
    level: "warn",
    entity: "order",
    entityId: id ?? undefined,
    code: "invalid_record",
    message: `Skipped: ${message}`,
  };
}

/** An order the template could not map: `field` is the first failing target key, `issues` every reason. */
export function mappingFailedEvent(orderId: number, field: string, issues: string[]): GetOrdersEvent {
  return {
    level: "warn",
    entity: "order",
    entityId: String(orderId),
    code: "mapping_failed",
    message: `Skipped: ${issues.join("; ")}`,
    details: { field, issues },
  };
}

const DRY_RUN_MESSAGES: Record<Verdict, string> = {
  create: "Would create: not imported yet.",
  update: "Would update: SellerCloud's record or the template changed since the last import.",
  unchanged: "Would skip: nothing changed since the last import.",
  shipped: "Would skip: the order has shipped in Conduit, so SellerCloud changes are no longer applied.",
};

/** Dry run: what a real run would do with the order, by verdict. */
export function dryRunVerdictEvent(orderId: number, verdict: Verdict): GetOrdersEvent {
  const code = verdict === "create" ? "would_create" : verdict === "update" ? "would_update" : "would_skip";
  return {
    level: "info",
    entity: "order",
    entityId: String(orderId),
    code,
    message: DRY_RUN_MESSAGES[verdict],
    details: { verdict },
  };
}

/** A real run left a changed order alone because it has shipped in Conduit. */
export function shippedNotUpdatedEvent(orderId: number): GetOrdersEvent {
  return {
    level: "info",
    entity: "order",
    entityId: String(orderId),
    code: "shipped_not_updated",
    message: "Not updated: the order changed in SellerCloud but has already shipped in Conduit.",
  };
}

/** The list's TotalResults moved from `before` to `after` during a pass: a re-check pass follows. */
export function recheckPassEvent(before: number | null, after: number): GetOrdersEvent {
  return {
    level: "info",
    entity: "run",
    code: "recheck_pass",
    message: `SellerCloud's order list changed while paging (${before} → ${after} orders); checking the pages again so no order that moved is missed.`,
  };
}

/** The list changed and no (further) re-check pass runs: the passes ran out, or this is a dry run. */
export function listStillChangingEvent(dryRun: boolean): GetOrdersEvent {
  return {
    level: "info",
    entity: "run",
    code: "list_still_changing",
    message: dryRun
      ? "SellerCloud's order list changed while paging; a real run would check the pages again."
      : "SellerCloud's order list kept changing; the next run checks again (its window overlaps this one).",
  };
}

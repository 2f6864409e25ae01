/**
 * Get Orders' run events: the closed list of codes it records and the sentences people read.
 * Code that compares a Get Orders event code (components, tests) compares against these.
 */
import { cleanText } from "@/lib/text/clean";
import type { RunEventInput } from "../types";
import { FILTER_WORDS, type ListFilter } from "./filters";
import type { DataNotes } from "./notes";

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
  | "list_still_changing"
  /** Once per run: SellerCloud returned orders outside the filters asked for; they were ignored (warn, entity "run"). */
  | "outside_filters"
  /** Once per run: text with control or broken characters was cleaned before saving (info, entity "run"). */
  | "text_cleaned"
  /** The database refused one order's values; the page's other orders were saved (error; counted failed). */
  | "write_failed"
  /** An order line has a quantity of 0 or below; the order is imported as SellerCloud sent it (warn). */
  | "quantity_not_positive"
  /** Once per run, when it ends: full or incremental, orders read, list calls and calls saved (info, entity "run"). */
  | "run_kind";

/** The failure codes: an order SellerCloud sent that this run skipped or could not save. */
export type GetOrdersFailureCode = Extract<GetOrdersEventCode, "invalid_record" | "mapping_failed" | "write_failed">;

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
    entityId: id == null ? undefined : cleanText(id),
    code: "invalid_record",
    // The record failed its schema, so it was not cleaned: its ID and the message may quote its text.
    message: `Skipped: ${cleanText(message)}`,
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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Once per run: orders SellerCloud returned although they do not match the filters asked for
 * ("SellerCloud returned 3 orders outside the filters; they were ignored: 2 of another company,
 * 1 in another order status."). Details: the count per filter and the first order IDs.
 */
export function outsideFiltersEvent(ignored: DataNotes["ignored"]): GetOrdersEvent {
  const breakdown = (Object.keys(FILTER_WORDS) as ListFilter[])
    .filter((f) => ignored.byFilter[f])
    .map((f) => `${ignored.byFilter[f]} ${FILTER_WORDS[f]}`)
    .join(", ");
  const named = ignored.examples.join(", ");
  const more = ignored.orders > ignored.examples.length ? ` and ${ignored.orders - ignored.examples.length} more` : "";
  return {
    level: "warn",
    entity: "run",
    code: "outside_filters",
    message:
      `SellerCloud returned ${plural(ignored.orders, "order", "orders")} outside the filters; ` +
      `${ignored.orders === 1 ? "it was" : "they were"} ignored (${breakdown}). Orders: ${named}${more}.`,
    details: { orders: ignored.orders, byFilter: ignored.byFilter, examples: ignored.examples },
  };
}

/**
 * Once per run: strings of SellerCloud's records that had NUL, other control characters or
 * broken characters (lone surrogates) removed before saving, naming the first orders and fields.
 */
export function cleanedTextEvent(cleaned: DataNotes["cleaned"]): GetOrdersEvent {
  const named = cleaned.examples.map((e) => `${e.id} (${e.fields.join(", ")})`).join("; ");
  const more = cleaned.orders > cleaned.examples.length ? `; and ${cleaned.orders - cleaned.examples.length} more` : "";
  return {
    level: "info",
    entity: "run",
    code: "text_cleaned",
    message:
      `SellerCloud sent control characters or broken characters in ${plural(cleaned.fields, "field", "fields")} ` +
      `of ${plural(cleaned.orders, "order", "orders")}; they were removed before saving. Orders: ${named}${more}.`,
    details: { orders: cleaned.orders, fields: cleaned.fields, examples: cleaned.examples },
  };
}

/**
 * The database refused one order (a value its column cannot hold, a constraint): the order is not
 * saved, the rest of its page is. `field` is the template target (or column) when the database
 * named it; `reason` the database's message.
 */
export function writeFailedEvent(orderId: number, field: string | null, reason: string): GetOrdersEvent {
  return {
    level: "error",
    entity: "order",
    entityId: String(orderId),
    code: "write_failed",
    message: `Not saved: the database refused ${field ? `the value of ${field}` : "this order"} (${reason}). The other orders were saved; the next run tries this one again.`,
    details: { field, reason },
  };
}

/**
 * An order line whose quantity is 0 or below: imported as SellerCloud sent it, and flagged so a
 * person checks it (the order page shows the same note on the line).
 */
export function quantityNotPositiveEvent(
  orderId: number,
  line: number,
  quantity: number,
  sku: string | null,
): GetOrdersEvent {
  return {
    level: "warn",
    entity: "order",
    entityId: String(orderId),
    code: "quantity_not_positive",
    message: `Line ${line}${sku ? ` (${sku})` : ""} has quantity ${quantity}; the order was imported as SellerCloud sent it. Check the line in SellerCloud before shipping.`,
    details: { line, quantity, sku },
  };
}

/**
 * Which kind of run it was (lib/operations/get-orders/incremental.ts): a full pass over the
 * created-on window, or an incremental one (orders updated since `updatedSince`), with the orders
 * read and list calls made, and for an incremental run the calls saved against the last full pass
 * (`fullCalls`, its runs.calls_used).
 */
export function runKindEvent(run: {
  kind?: "full" | "incremental";
  updatedSince?: string;
  fullCalls?: number;
  ordersRead?: number;
  listCalls?: number;
}): GetOrdersEvent {
  const read = run.ordersRead ?? 0;
  const calls = run.listCalls ?? 0;
  const orders = `${read.toLocaleString("en-US")} order${read === 1 ? "" : "s"}`;
  const listCalls = `${calls.toLocaleString("en-US")} list call${calls === 1 ? "" : "s"}`;
  if (run.kind !== "incremental") {
    return {
      level: "info",
      entity: "run",
      code: "run_kind",
      message: `Full pass over the order window: read ${orders} in ${listCalls}.`,
      details: { kind: "full", ordersRead: read, listCalls: calls },
    };
  }
  const saved = Math.max(0, (run.fullCalls ?? 0) - calls);
  return {
    level: "info",
    entity: "run",
    code: "run_kind",
    message:
      `Incremental run: read ${orders} updated since ${run.updatedSince?.slice(0, 16).replace("T", " ")} UTC in ${listCalls}; ` +
      `the last full pass used ${(run.fullCalls ?? 0).toLocaleString("en-US")} calls, so about ${saved.toLocaleString("en-US")} were saved. ` +
      "A full pass still runs at least once a day.",
    details: {
      kind: "incremental",
      ordersRead: read,
      listCalls: calls,
      fullCalls: run.fullCalls ?? 0,
      callsSaved: saved,
      updatedSince: run.updatedSince,
    },
  };
}

/**
 * One bad order never stops the others: a runner page's writes run under a SAVEPOINT inside the
 * page transaction. When the database refuses them for a reason that belongs to an order's data,
 * the savepoint is rolled back and the page is written again in halves, each under its own
 * savepoint, halving refused groups until each refused order stands alone, so only the orders the
 * database refuses are left out; the rest commit with the page. The common case (nothing refused)
 * costs one SAVEPOINT and one RELEASE per page.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cleanText } from "@/lib/text/clean";
import type { PinnedTemplate } from "../shared/pinned-template";
import type { PlannedOrder } from "./plan-order";
import { type OrdersScope, writeOrders } from "./write";

/** An order the database refused. */
export interface OrderWriteFailure {
  scId: number;
  /** The order was stored already (an update), else it was new. */
  update: boolean;
  /** The template target's key (e.g. "order.grandTotal"), or the column, when the database named it. */
  field: string | null;
  /** The database's own message, e.g. "numeric field overflow". */
  reason: string;
}

/**
 * SQLSTATE classes that belong to the data of the rows being written: 22 data exception (a value
 * a column cannot hold: numeric overflow, invalid text), 23 integrity constraint (not null,
 * check, foreign key), 54 program limit (a value too large). A unique violation (23505) is not
 * one: the order was stored by someone else meanwhile, and the runner's retry of the page sees it
 * stored. Anything else (a lost connection, a serialization failure) fails the page as before.
 */
function isOrderDataError(error: unknown): boolean {
  const code = sqlState(error);
  if (!code || code === "23505") return false;
  return code.startsWith("22") || code.startsWith("23") || code.startsWith("54");
}

/** The error's SQLSTATE, looking through up to five `cause` links (Drizzle wraps driver errors). */
function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The first error in the chain that carries a SQLSTATE (the driver's), for its message and fields. */
function driverError(error: unknown): { message?: string; column?: string; where?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof (current as { code?: unknown }).code === "string") return current as { message?: string };
    current = (current as { cause?: unknown }).cause;
  }
  return error as { message?: string };
}

/**
 * The field the database named, as the template target when it is one: a not-null or check
 * violation names the column; a COPY error's context says "COPY orders, line 1, column grand_total".
 */
function failedField(error: unknown, template: PinnedTemplate<"get_orders">): string | null {
  const driver = driverError(error);
  const column = driver.column ?? /\bcolumn ([a-z0-9_]+)/i.exec(driver.where ?? "")?.[1];
  if (!column) return null;
  const { writtenOrderTargets, writtenItemTargets } = template.compiled;
  const target = [...writtenOrderTargets, ...writtenItemTargets].find((t) => t.column === column);
  return target?.key ?? column;
}

/** Runs `work` under a savepoint; returns the refused-data error it threw (rolled back), or null. */
async function underSavepoint(tx: Db, work: () => Promise<void>): Promise<unknown> {
  await tx.execute(sql`savepoint get_orders_write`);
  try {
    await work();
  } catch (error) {
    if (!isOrderDataError(error)) throw error;
    await tx.execute(sql`rollback to savepoint get_orders_write`);
    return error;
  }
  await tx.execute(sql`release savepoint get_orders_write`);
  return null;
}

/**
 * writeOrders for a runner page, isolating the orders the database refuses (see above). Returns
 * those orders (empty when the page was written whole); everything else is written in `tx`.
 * Throws what writeOrders throws for any error that is not about an order's data.
 * `write` is the page writer (writeOrders; tests pass a failing one).
 */
export async function writeOrdersIsolated(
  tx: Db,
  ctx: OrdersScope,
  writes: PlannedOrder[],
  updatedIds: Set<number>,
  template: PinnedTemplate<"get_orders">,
  write: typeof writeOrders = writeOrders,
): Promise<OrderWriteFailure[]> {
  if (writes.length === 0) return [];
  const failures: OrderWriteFailure[] = [];
  // Halve a refused group until each refused order stands alone: one bad order in 250 costs
  // about 16 tries, not 250.
  const isolate = async (group: PlannedOrder[]): Promise<void> => {
    const error = await underSavepoint(tx, () => write(tx, ctx, group, updatedIds, template));
    if (error === null) return;
    if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      await isolate(group.slice(0, half));
      await isolate(group.slice(half));
      return;
    }
    const plan = group[0]!;
    const reason = cleanText(driverError(error).message ?? String(error)).slice(0, 300);
    failures.push({ scId: plan.scId, update: updatedIds.has(plan.scId), field: failedField(error, template), reason });
  };
  await isolate(writes);
  return failures;
}

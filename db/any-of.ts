/**
 * Membership tests that bind ONE parameter however long the list is. Postgres's wire protocol
 * counts bind parameters in 16 bits, so a statement carries at most 65,535 of them: Drizzle's
 * `inArray(column, list)` binds one per element and fails past that (PGlite and node-postgres
 * alike). `anyOf(column, list)` sends the list as one array: `column = any($1::<type>[])`.
 *
 * Use it for any list whose length follows the data (failed items of a run, ids from a file);
 * multi-row inserts chunk instead (MAX_BIND_PARAMETERS / columns per row rows per statement).
 */
import { type Column, type SQL, sql } from "drizzle-orm";

/** Postgres: "number of parameters must be between 0 and 65535" (the Bind message's Int16 count). */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per multi-row INSERT that keep it under the parameter limit. */
export function rowsPerStatement(parametersPerRow: number): number {
  return Math.max(1, Math.floor(MAX_BIND_PARAMETERS / parametersPerRow));
}

/**
 * `column = any($1::type[])` with the values as one array parameter; false for an empty list.
 * The array's element type is the column's SQL type (uuid, text, bigint, an enum…).
 */
export function anyOf(column: Column, values: readonly unknown[]): SQL {
  if (values.length === 0) return sql`false`;
  // Each element goes through the column's own driver mapping (dates, json…), the list as one value.
  const encoder = { mapToDriverValue: (list: unknown[]) => list.map((value) => column.mapToDriverValue(value)) };
  return sql`${column} = any(${sql.param([...values], encoder)}::${sql.raw(column.getSQLType())}[])`;
}

/** `not (column = any($1::type[]))`; true for an empty list. */
export function noneOf(column: Column, values: readonly unknown[]): SQL {
  if (values.length === 0) return sql`true`;
  return sql`not (${anyOf(column, values)})`;
}

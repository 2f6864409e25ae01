import { type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Bulk inserts for hot paths (Link Listings writes ~200k links and events in one commit). Rows go
 * to Postgres as ONE json parameter per chunk and are expanded by jsonb_to_recordset, so a chunk is
 * one statement with one bound value: no 65,535-parameter limit, and none of the per-value SQL
 * building a multi-row VALUES costs in JS. Works the same on node-postgres and PGlite.
 */

export interface BulkColumn {
  /** The column name in the table, also the key in each row object. */
  name: string;
  /** Its Postgres type, for jsonb_to_recordset's record definition (e.g. "text", "uuid", "jsonb"). */
  type: string;
}

const DEFAULT_CHUNK_ROWS = 10_000;

export async function insertJsonRows(
  tx: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly Record<string, unknown>[],
  options: { onConflict?: SQL; chunkRows?: number } = {},
): Promise<void> {
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(", "));
  const record = sql.raw(columns.map((c) => `"${c.name}" ${c.type}`).join(", "));
  for (let i = 0; i < rows.length; i += chunkRows) {
    const json = JSON.stringify(rows.slice(i, i + chunkRows));
    await tx.execute(
      sql`insert into ${sql.raw(`"${table}"`)} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${record}) ${options.onConflict ?? sql``}`,
    );
  }
}

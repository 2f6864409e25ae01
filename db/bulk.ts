/**
 * Bulk inserts for hot paths (Link Listings writes ~200k links and events in one commit). Rows go
 * to Postgres as ONE json parameter per chunk and are expanded by jsonb_to_recordset, so a chunk is
 * one statement with one bound value: no 65,535-parameter limit, and none of the per-value SQL
 * building a multi-row VALUES costs in JS. Works the same on node-postgres and PGlite. Also here:
 * COPY for the largest writes, and chunkForParameters for statements that bind values per row.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "./client";

export interface BulkColumn {
  /** The column name in the table, also the key in each row object. */
  name: string;
  /** Its Postgres type, for jsonb_to_recordset's record definition (e.g. "text", "uuid", "jsonb"). */
  type: string;
}

const DEFAULT_CHUNK_ROWS = 10_000;

/** Postgres's limit on bound parameters in one statement. */
export const MAX_PARAMETERS = 65_535;

/**
 * Splits rows into chunks whose statements stay under Postgres's parameter limit: each chunk has
 * at most floor(65,535 / parametersPerRow) rows (at least one).
 */
export function chunkForParameters<T>(rows: readonly T[], parametersPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / parametersPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

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

const COPY_RESERVED = /[\\\t\n\r]/;

/** Escapes the characters COPY's text format reserves (a text without any is returned as is). */
function copyEscape(text: string): string {
  if (!COPY_RESERVED.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Column types whose text never holds a character COPY reserves (no escaping needed). */
const PLAIN_TYPES = new Set(["uuid", "integer", "bigint", "smallint", "boolean", "numeric", "timestamptz"]);

/**
 * Rows in COPY's text format: \N for null, objects as JSON. Rows often share an object (every link
 * made by the same linking pair holds the same pair), so within one `objects` cache each object is
 * serialised and escaped once. Fields and lines are joined from arrays, so the result is one flat
 * string: appending them one by one made a rope of millions of pieces, which writing it out
 * (PGlite's Blob, node-postgres's stream) then had to flatten (159k links: ~0.55 → ~0.35 s with
 * the Blob, in isolation).
 */
function copyData<T>(
  columns: readonly BulkColumn[],
  rows: readonly T[],
  toRow: (item: T) => Record<string, unknown>,
  objects = new Map<object, string>(),
): string {
  const names = columns.map((c) => c.name);
  const plain = columns.map((c) => PLAIN_TYPES.has(c.type));
  const fields: string[] = new Array(names.length);
  const lines: string[] = new Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    const row = toRow(rows[r]!);
    for (let c = 0; c < names.length; c++) {
      const value = row[names[c]!];
      let field: string;
      if (value === null || value === undefined) field = "\\N";
      else if (typeof value === "object") {
        const known = objects.get(value);
        field = known ?? copyEscape(JSON.stringify(value));
        if (known === undefined) objects.set(value, field);
      } else field = plain[c] ? String(value) : copyEscape(String(value));
      fields[c] = field;
    }
    lines[r] = fields.join("\t");
  }
  // The last element is empty, so every line (the last included) ends with a newline.
  lines[rows.length] = "";
  return lines.join("\n");
}

/** Rows a COPY piece holds: node-postgres sends one piece while the next is being built. */
const PIECE_ROWS = 2_000;

/**
 * The rows as COPY text in pieces of PIECE_ROWS rows, built lazily: streamed to Postgres, it parses
 * and indexes one piece while this process serialises the next, instead of waiting for the whole.
 */
function* copyPieces<T>(
  columns: readonly BulkColumn[],
  rows: readonly T[],
  toRow: (item: T) => Record<string, unknown>,
): Generator<string> {
  const objects = new Map<object, string>();
  for (let i = 0; i < rows.length; i += PIECE_ROWS) {
    yield copyData(columns, rows.slice(i, i + PIECE_ROWS), toRow, objects);
  }
}

const asRow = (item: unknown) => item as Record<string, unknown>;

/**
 * COPY rows into a table inside the caller's transaction: node-postgres streams COPY FROM STDIN on
 * the transaction's connection, PGlite reads COPY FROM '/dev/blob'. Both reach the driver through
 * Drizzle's session (not public API), so anything unexpected falls back to insertJsonRows.
 * `chunkRows` (PGlite only; default 50,000): rows per statement, bounding the text held at once;
 * node-postgres sends one statement streamed in pieces. `toRow` (default: the items are the rows)
 * makes each row as it is written, so a caller with 200k rows can pass compact items (indexes, say)
 * instead of holding 200k row objects until the commit. A json or jsonb column takes an object or
 * array (serialised here) or a string of JSON text (written as is, so text already serialised is
 * not serialised again); both paths read it so. Errors: the database's; on the fallback path also
 * SyntaxError for such a string that is not valid JSON.
 */
export async function copyRows<T = Record<string, unknown>>(
  tx: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly T[],
  options: { chunkRows?: number; toRow?: (item: T) => Record<string, unknown> } = {},
): Promise<"copy" | "insert"> {
  const toRow = options.toRow ?? asRow;
  if (rows.length === 0) return "copy";
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  // PGlite reads a whole blob per statement: chunks bound the string held at once.
  const chunkRows = options.chunkRows ?? 50_000;
  const statement = (source: string) =>
    `COPY "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) FROM ${source}`;
  if (client instanceof pg.Client) {
    // One statement, streamed piece by piece (no whole-table string in memory).
    await pipeline(Readable.from(copyPieces(columns, rows, toRow)), client.query(copyFrom(statement("STDIN"))));
    return "copy";
  }
  const pglite = client as { query?: (q: string, p: unknown[], o: { blob: Blob }) => Promise<unknown> } | undefined;
  if (pglite && typeof pglite.query === "function" && !(client instanceof pg.Pool)) {
    for (let i = 0; i < rows.length; i += chunkRows) {
      const data = copyData(columns, rows.slice(i, i + chunkRows), toRow);
      await pglite.query(statement("'/dev/blob'"), [], { blob: new Blob([data]) });
    }
    return "copy";
  }
  // As in COPY, a string in a json column is JSON text (sent as is), not a JSON string.
  const jsonText = columns.filter((c) => c.type === "json" || c.type === "jsonb").map((c) => c.name);
  const parsed = (row: Record<string, unknown>) => {
    let copy: Record<string, unknown> | undefined;
    for (const name of jsonText) {
      if (typeof row[name] !== "string") continue;
      copy ??= { ...row };
      copy[name] = JSON.parse(row[name] as string);
    }
    return copy ?? row;
  };
  await insertJsonRows(
    tx,
    table,
    columns,
    rows.map((item) => parsed(toRow(item))),
  );
  return "insert";
}

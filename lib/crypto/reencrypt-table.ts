/**
 * Key rotation for one table: re-encrypts, with the first of CREDENTIALS_KEYS, every payload of the
 * named columns that another key sealed (lib/crypto/gcm-payload.ts). Rows are read in id order a
 * batch at a time, and each batch is written in its own transaction; a row is written only while it
 * still holds what was read, so a secret the app replaced meanwhile is kept as the app wrote it.
 * Values already under the first key are never read again, so a run stopped half-way is finished by
 * running it again, and a second run changes nothing. Each module that seals a column describes it
 * with a SealedTable next to its binding (lib/crypto/key-rotation.ts lists them all).
 */
import { and, asc, eq, getTableColumns, gt, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import type { CredentialKey } from "@/lib/env";
import { PAYLOAD_VERSION, payloadKeyId } from "./gcm-payload";

/** The row a payload is bound to (every sealed table binds its secrets to workspace and row). */
export interface SealedOwner {
  id: string;
  workspaceId: string;
}

export interface SealedColumn<Property extends string = string> {
  /** The table's property (Drizzle name) of a text column holding payloads (or null). */
  property: Property;
  /** Decrypts a payload of this column; throws when no configured key opens it. */
  open(payload: string, owner: SealedOwner, keys: readonly CredentialKey[]): string;
  /** Encrypts for this column with the first key. */
  seal(plaintext: string, owner: SealedOwner, keys: readonly CredentialKey[]): string;
}

/** A table with `id` and `workspaceId` columns whose `columns` hold sealed payloads. */
export interface SealedTable {
  table: PgTable;
  columns: readonly SealedColumn[];
}

/** A SealedTable whose column properties are checked against the table's. */
export function sealedTable<T extends PgTable & { id: PgColumn; workspaceId: PgColumn }>(
  table: T,
  columns: readonly SealedColumn<keyof T["$inferSelect"] & string>[],
): SealedTable {
  return { table, columns };
}

export interface ReencryptResult {
  /** Rows with at least one value re-encrypted. */
  reencrypted: number;
  /** Ids of rows with a value no configured key opens (left as they are). */
  unreadable: string[];
}

export const REENCRYPT_BATCH_SIZE = 200;

/** Re-encrypts the table's values sealed with older keys; see the file comment. */
export async function reencryptTable(
  db: Db,
  spec: SealedTable,
  keys: readonly CredentialKey[],
  options: { batchSize?: number } = {},
): Promise<ReencryptResult> {
  const first = keys[0];
  if (!first) throw new Error("No encryption key is configured (CREDENTIALS_KEYS).");
  const batchSize = options.batchSize ?? REENCRYPT_BATCH_SIZE;
  const all = getTableColumns(spec.table) as Record<string, PgColumn>;
  const column = (property: string): PgColumn => {
    const found = all[property];
    if (!found) throw new Error(`No column "${property}" in the sealed table.`);
    return found;
  };
  const idColumn = column("id");
  const columns = spec.columns.map((c) => ({ ...c, column: column(c.property) }));
  // Values sealed with the first key start with this prefix; the others are the work left.
  const prefix = `${PAYLOAD_VERSION}.${first.id}.`;
  const stale = or(
    ...columns.map((c) => and(isNotNull(c.column), sql`left(${c.column}, ${prefix.length}) <> ${prefix}`)),
  );
  const selection: Record<string, PgColumn> = { id: idColumn, workspaceId: column("workspaceId") };
  for (const c of columns) selection[c.property] = c.column;

  let reencrypted = 0;
  const unreadable = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const rows = (await db
      .select(selection)
      .from(spec.table)
      .where(after === undefined ? stale : and(gt(idColumn, after), stale))
      .orderBy(asc(idColumn))
      .limit(batchSize)) as Array<SealedOwner & Record<string, string | null>>;
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;

    const writes: { id: string; set: Record<string, string>; unchanged: SQL[] }[] = [];
    for (const row of rows) {
      const owner = { id: row.id, workspaceId: row.workspaceId };
      const set: Record<string, string> = {};
      const unchanged: SQL[] = [];
      for (const c of columns) {
        const payload = row[c.property];
        if (!payload || payloadKeyId(payload) === first.id) continue;
        try {
          set[c.property] = c.seal(c.open(payload, owner, keys), owner, keys);
          unchanged.push(eq(c.column, payload));
        } catch {
          // Left as is: no configured key opens it (the owner enters or rotates that secret again).
          unreadable.add(row.id);
        }
      }
      if (unchanged.length > 0) writes.push({ id: row.id, set, unchanged });
    }
    if (writes.length === 0) continue;
    reencrypted += await db.transaction(async (tx) => {
      let written = 0;
      for (const write of writes) {
        const done = await tx
          .update(spec.table)
          .set(write.set)
          .where(and(eq(idColumn, write.id), ...write.unchanged))
          .returning({ id: idColumn });
        written += done.length;
      }
      return written;
    });
  }
  return { reencrypted, unreadable: [...unreadable] };
}

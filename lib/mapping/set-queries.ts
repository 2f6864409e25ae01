/** Mapping sets: workspace-shared from -> to tables, edited inline or loaded from CSV. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type MappingSet, mappingSets, mappingTemplates, mappingTemplateVersions } from "@/db/schema/mapping";
import { rowsOf } from "@/db/rows";
import { type CsvSource, EMPTY_FILE_MESSAGE, openCsv } from "@/lib/csv/read";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { duplicateSetEntryMessage, findDuplicateSetEntry } from "./set-entries";
import type { MappingSetData, TemplateBody } from "./template";

export interface MappingSetInput {
  name: string;
  description?: string;
  entries: Array<{ from: string; to: string }>;
}

export const MAX_SET_ENTRIES = 50_000;

/**
 * Trims the rows and drops those with no "from". Refuses (VALIDATION, fieldErrors.entries) more
 * than MAX_SET_ENTRIES rows, or two rows whose "from" is the same key for a lookup (case and
 * surrounding spaces ignored), naming both rows: only the first could ever apply. `rowName` labels
 * a row by its position in `entries` (1-based): "row 4" for the editor, a CSV's own row number.
 */
function cleanEntries(
  entries: Array<{ from: string; to: string }>,
  rowName?: (row: number) => string,
): Array<{ from: string; to: string }> {
  const trimmed = entries.map((e) => ({ from: String(e.from ?? "").trim(), to: String(e.to ?? "").trim() }));
  const duplicate = findDuplicateSetEntry(trimmed);
  if (duplicate) {
    const message = duplicateSetEntryMessage(duplicate, rowName);
    throw new AppError("VALIDATION", message, { fieldErrors: { entries: message } });
  }
  const out = trimmed.filter((e) => e.from !== "");
  if (out.length > MAX_SET_ENTRIES)
    throw new AppError("VALIDATION", `A mapping set holds at most ${MAX_SET_ENTRIES} rows.`);
  return out;
}

export function toMappingSetData(set: MappingSet): MappingSetData {
  return { id: set.id, name: set.name, entries: set.entries };
}

export async function listMappingSets(db: Db, workspaceId: string): Promise<MappingSet[]> {
  return db.select().from(mappingSets).where(eq(mappingSets.workspaceId, workspaceId)).orderBy(asc(mappingSets.name));
}

export async function getMappingSet(db: Db, workspaceId: string, setId: string): Promise<MappingSet> {
  const [set] = await db
    .select()
    .from(mappingSets)
    .where(and(eq(mappingSets.workspaceId, workspaceId), eq(mappingSets.id, setId)));
  if (!set) throw notFound("That mapping set");
  return set;
}

export async function createMappingSet(db: Db, workspaceId: string, input: MappingSetInput): Promise<MappingSet> {
  const name = input.name.trim();
  if (!name) throw new AppError("VALIDATION", "Name the mapping set.", { fieldErrors: { name: "Enter a name" } });
  const entries = cleanEntries(input.entries);
  try {
    const [set] = await db
      .insert(mappingSets)
      .values({ workspaceId, name, description: input.description ?? "", entries })
      .returning();
    return set!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A mapping set named "${name}" already exists.`, {
        fieldErrors: { name: "Name taken" },
      });
    throw error;
  }
}

export async function updateMappingSet(
  db: Db,
  workspaceId: string,
  setId: string,
  input: Partial<MappingSetInput>,
): Promise<MappingSet> {
  const values: Partial<typeof mappingSets.$inferInsert> = { updatedAt: new Date() };
  if (input.name !== undefined) values.name = input.name.trim();
  if (input.description !== undefined) values.description = input.description;
  if (input.entries !== undefined) values.entries = cleanEntries(input.entries);
  try {
    const [set] = await db
      .update(mappingSets)
      .set(values)
      .where(and(eq(mappingSets.workspaceId, workspaceId), eq(mappingSets.id, setId)))
      .returning();
    if (!set) throw notFound("That mapping set");
    return set;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A mapping set named "${values.name}" already exists.`);
    throw error;
  }
}

/** Refuses to delete a set that the latest version of any template still uses. */
export async function deleteMappingSet(db: Db, workspaceId: string, setId: string): Promise<void> {
  const users = rowsOf<{ name: string }>(
    await db.execute(sql`
      select t.name from ${mappingTemplates} t
      join lateral (
        select v.body from ${mappingTemplateVersions} v
        where v.template_id = t.id order by v.version desc limit 1
      ) latest on true
      where t.workspace_id = ${workspaceId} and strpos(latest.body::text, ${setId}) > 0`),
  );
  if (users.length > 0)
    throw new AppError(
      "CONFLICT",
      `This mapping set is used by: ${users.map((u) => u.name).join(", ")}. Change those templates first.`,
    );
  const deleted = await db
    .delete(mappingSets)
    .where(and(eq(mappingSets.workspaceId, workspaceId), eq(mappingSets.id, setId)))
    .returning({ id: mappingSets.id });
  if (deleted.length === 0) throw notFound("That mapping set");
}

/**
 * Reads a CSV of from,to rows (text, bytes or a stream of bytes) through lib/csv: the encoding and
 * delimiter are detected, binary files refused, cells cleaned and trimmed. A header row naming
 * "from" and "to" (any case) is skipped and picks the columns; without one the first two columns
 * are used. A row with one column, more than MAX_SET_ENTRIES rows, or a quote that never closes is
 * a VALIDATION error naming the row (nothing is loaded); an empty file gives no rows.
 */
export async function parseMappingSetCsv(input: CsvSource): Promise<Array<{ from: string; to: string }>> {
  let file: Awaited<ReturnType<typeof openCsv>>;
  try {
    file = await openCsv(input, { trim: true });
  } catch (error) {
    if (isAppError(error) && error.message === EMPTY_FILE_MESSAGE) return [];
    throw error;
  }
  const header = file.header.map((h) => h.toLowerCase());
  const named = header.includes("from") && header.includes("to");
  const fromCol = named ? header.indexOf("from") : 0;
  const toCol = named ? header.indexOf("to") : 1;
  const entries: Array<{ from: string; to: string }> = [];
  const csvRows: number[] = [];
  const take = (row: number, cells: string[]) => {
    if (cells.length < 2) throw new AppError("VALIDATION", `CSV row ${row} needs two columns (from, to).`);
    if (entries.length >= MAX_SET_ENTRIES * 2)
      throw new AppError("VALIDATION", `A mapping set holds at most ${MAX_SET_ENTRIES} rows.`);
    entries.push({ from: cells[fromCol] ?? "", to: cells[toCol] ?? "" });
    csvRows.push(row);
  };
  try {
    if (!named) take(1, file.header);
    for await (const { row, cells } of file.records()) take(row, cells);
  } finally {
    file.close();
  }
  if (file.stopped) throw new AppError("VALIDATION", `The CSV could not be read: ${file.stopped.message}`);
  return cleanEntries(entries, (row) => `CSV row ${csvRows[row - 1]}`);
}

/** Creates a set from CSV, or replaces the rows of an existing one (setId). */
export async function loadMappingSetCsv(
  db: Db,
  workspaceId: string,
  input: { csv: CsvSource; name?: string; setId?: string },
): Promise<MappingSet> {
  const entries = await parseMappingSetCsv(input.csv);
  if (input.setId) return updateMappingSet(db, workspaceId, input.setId, { entries });
  return createMappingSet(db, workspaceId, { name: input.name ?? "Imported set", entries });
}

/** The sets a template body refers to, ready for the evaluator. */
export async function loadSetsForTemplate(db: Db, workspaceId: string, body: TemplateBody): Promise<MappingSetData[]> {
  const ids = new Set<string>();
  // A set not chosen yet ("") is no id to look up: the row check refuses it.
  for (const mapping of Object.values(body.fields))
    if (mapping.mode === "mapping_set" && mapping.setId) ids.add(mapping.setId);
  if (ids.size === 0) return [];
  const sets = await db
    .select()
    .from(mappingSets)
    .where(and(eq(mappingSets.workspaceId, workspaceId), inArray(mappingSets.id, [...ids])));
  return sets.map(toMappingSetData);
}

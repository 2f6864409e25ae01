import { parse } from "csv-parse/sync";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type MappingSet, mappingSets, mappingTemplates, mappingTemplateVersions } from "@/db/schema/mapping";
import { rowsOf } from "@/db/rows";
import { AppError, notFound } from "@/lib/errors";
import type { MappingSetData, TemplateBody } from "./template";

/** Mapping sets: workspace-shared from -> to tables, edited inline or loaded from CSV. */

export interface MappingSetInput {
  name: string;
  description?: string;
  entries: Array<{ from: string; to: string }>;
}

export const MAX_SET_ENTRIES = 50_000;

function cleanEntries(entries: Array<{ from: string; to: string }>): Array<{ from: string; to: string }> {
  const out = entries
    .map((e) => ({ from: String(e.from ?? "").trim(), to: String(e.to ?? "").trim() }))
    .filter((e) => e.from !== "");
  if (out.length > MAX_SET_ENTRIES)
    throw new AppError("VALIDATION", `A mapping set holds at most ${MAX_SET_ENTRIES} rows.`);
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
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
  try {
    const [set] = await db
      .insert(mappingSets)
      .values({ workspaceId, name, description: input.description ?? "", entries: cleanEntries(input.entries) })
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
 * Reads a CSV of from,to rows. A header row naming "from" and "to" (any case) is skipped and
 * picks the columns; without one the first two columns are used.
 */
export function parseMappingSetCsv(csv: string): Array<{ from: string; to: string }> {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new AppError("VALIDATION", `The CSV could not be read: ${(error as Error).message}`);
  }
  if (records.length === 0) return [];
  const header = records[0]!.map((h) => h.toLowerCase());
  let fromCol = 0;
  let toCol = 1;
  if (header.includes("from") && header.includes("to")) {
    fromCol = header.indexOf("from");
    toCol = header.indexOf("to");
    records = records.slice(1);
  }
  const entries: Array<{ from: string; to: string }> = [];
  for (const [i, row] of records.entries()) {
    if (row.length < 2) throw new AppError("VALIDATION", `CSV row ${i + 1} needs two columns (from, to).`);
    entries.push({ from: row[fromCol] ?? "", to: row[toCol] ?? "" });
  }
  return cleanEntries(entries);
}

/** Creates a set from CSV, or replaces the rows of an existing one (setId). */
export async function loadMappingSetCsv(
  db: Db,
  workspaceId: string,
  input: { csv: string; name?: string; setId?: string },
): Promise<MappingSet> {
  const entries = parseMappingSetCsv(input.csv);
  if (input.setId) return updateMappingSet(db, workspaceId, input.setId, { entries });
  return createMappingSet(db, workspaceId, { name: input.name ?? "Imported set", entries });
}

/** The sets a template body refers to, ready for the evaluator. */
export async function loadSetsForTemplate(db: Db, workspaceId: string, body: TemplateBody): Promise<MappingSetData[]> {
  const ids = new Set<string>();
  for (const mapping of Object.values(body.fields)) if (mapping.mode === "mapping_set") ids.add(mapping.setId);
  if (ids.size === 0) return [];
  const sets = await db
    .select()
    .from(mappingSets)
    .where(and(eq(mappingSets.workspaceId, workspaceId), inArray(mappingSets.id, [...ids])));
  return sets.map(toMappingSetData);
}

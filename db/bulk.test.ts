import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { type BulkColumn, chunkForParameters, copyRows, insertJsonRows } from "./bulk";
import { rowsOf } from "./rows";
import { describeEachDb } from "./testing/describe-db";

const COLUMNS: BulkColumn[] = [
  { name: "id", type: "integer" },
  { name: "label", type: "text" },
  { name: "doc", type: "jsonb" },
];
const ROWS = [
  { id: 1, label: "tab\there, new\nline, back\\slash, cr\r", doc: { a: "x\ty", b: [1, null] } },
  { id: 2, label: null, doc: null },
  { id: 3, label: 'ünïcode ✓ and "quotes"', doc: { s: "\\n" } },
];

it("chunks rows under the parameter limit", () => {
  const chunks = chunkForParameters(new Array(10_000).fill(0), 16);
  expect(chunks.map((c) => c.length)).toEqual([4095, 4095, 1810]);
});

describeEachDb("bulk writes", (ctx) => {
  it("copies rows inside a transaction on both drivers, escaping COPY's special characters", async () => {
    await ctx.db.execute(sql.raw("create table bulk_copy (id integer primary key, label text, doc jsonb)"));
    const method = await ctx.db.transaction((tx) => copyRows(tx, "bulk_copy", COLUMNS, ROWS));
    expect(method).toBe("copy");
    const rows = rowsOf(await ctx.db.execute(sql.raw("select id, label, doc from bulk_copy order by id")));
    expect(rows).toEqual(ROWS);
  });

  it("inserts the same rows as one json parameter per chunk", async () => {
    await ctx.db.execute(sql.raw("create table bulk_json (id integer primary key, label text, doc jsonb)"));
    await insertJsonRows(ctx.db, "bulk_json", COLUMNS, ROWS, { chunkRows: 2 });
    const rows = rowsOf(await ctx.db.execute(sql.raw("select id, label, doc from bulk_json order by id")));
    expect(rows).toEqual(ROWS);
  });
});

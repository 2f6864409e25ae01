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

  it("takes a string in a json column as JSON text, inside a transaction (COPY) and outside (fallback)", async () => {
    await ctx.db.execute(sql.raw("create table bulk_text (id integer primary key, doc json)"));
    const columns: BulkColumn[] = [
      { name: "id", type: "integer" },
      { name: "doc", type: "json" },
    ];
    const text = JSON.stringify([["A\\B", 'q"uote', "tab\tnew\nline", null]]);
    expect(await ctx.db.transaction((tx) => copyRows(tx, "bulk_text", columns, [{ id: 1, doc: text }]))).toBe("copy");
    // Outside a transaction node-postgres has no connection of its own to COPY on: the fallback.
    const outside = await copyRows(ctx.db, "bulk_text", columns, [{ id: 2, doc: text }]);
    expect(outside).toBe(ctx.kind === "postgres" ? "insert" : "copy");
    const back = rowsOf<{ id: number; doc: unknown }>(
      await ctx.db.execute(sql.raw("select id, doc from bulk_text order by id")),
    );
    expect(back).toEqual([
      { id: 1, doc: JSON.parse(text) },
      { id: 2, doc: JSON.parse(text) },
    ]);
  });

  it("streams many rows in pieces: every row arrives once, in order, shared objects and escapes intact", async () => {
    await ctx.db.execute(sql.raw("create table bulk_many (id integer primary key, ref uuid, label text, doc jsonb)"));
    const shared = { pair: "UPC\tUPC" };
    const ref = "0b8f7f2e-3c1a-4e55-9c0e-5d2d7a1b9e01";
    const rows = Array.from({ length: 5_003 }, (_, i) => ({
      id: i,
      ref: i % 7 === 0 ? null : ref,
      label: `row ${i}${i % 3 === 0 ? "\twith\\escapes\n" : ""}`,
      doc: i % 2 === 0 ? shared : { i },
    }));
    const columns: BulkColumn[] = [
      { name: "id", type: "integer" },
      { name: "ref", type: "uuid" },
      { name: "label", type: "text" },
      { name: "doc", type: "jsonb" },
    ];
    await ctx.db.transaction((tx) => copyRows(tx, "bulk_many", columns, rows, { chunkRows: 2_500 }));
    const back = rowsOf(await ctx.db.execute(sql.raw("select id, ref, label, doc from bulk_many order by id")));
    expect(back).toEqual(rows);
  });

  it("inserts the same rows as one json parameter per chunk", async () => {
    await ctx.db.execute(sql.raw("create table bulk_json (id integer primary key, label text, doc jsonb)"));
    await insertJsonRows(ctx.db, "bulk_json", COLUMNS, ROWS, { chunkRows: 2 });
    const rows = rowsOf(await ctx.db.execute(sql.raw("select id, label, doc from bulk_json order by id")));
    expect(rows).toEqual(ROWS);
  });
});

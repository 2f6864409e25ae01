import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { copyOutRows, dollarQuote, inlineQuery, parseCopyText } from "./copy-out";
import { describeEachDb } from "./testing/describe-db";

const NASTY = [
  "tab\there, new\nline, back\\slash, cr\r, bell\u0007",
  "it's \"quoted\" \\' and $$ dollars $c00$ and $tag$",
  "ünïcode ✓ 𝄞",
  "",
  "\\N",
];

it("parses COPY text: \\N is null, escapes undone, an empty field is empty text", () => {
  expect(parseCopyText("a\t\\N\tb\\tc\\\\d\\ne\n\t\\\\N\n")).toEqual([
    ["a", null, "b\tc\\d\ne"],
    ["", "\\N"],
  ]);
  expect(parseCopyText("")).toEqual([]);
});

it("dollar-quotes a value with a tag that first occurs where the literal closes", () => {
  const quoted = dollarQuote("x$c0$y");
  const tag = quoted.slice(0, quoted.indexOf("$", 1) + 1);
  expect(quoted).toBe(`${tag}x$c0$y${tag}`);
  // A tag inside the value, or a value ending in the tag's first characters, is passed over.
  const tags = ["$cA$", "$cB$", "$cC$"];
  expect(dollarQuote("a $cA$ b", () => tags.shift()!)).toBe("$cB$a $cA$ b$cB$");
  const more = ["$cA$", "$cZ$"];
  expect(dollarQuote("ends in $cA", () => more.shift()!)).toBe("$cZ$ends in $cA$cZ$");
});

it("writes every value into the query text, none as a parameter, and leaves the query as it was", () => {
  const query = sql`select ${1} as n, ${-2} as m, 3 -${-1} as k, ${"o'k"} as s, ${true} as b, ${null} as z`;
  const text = inlineQuery(query);
  expect(text).not.toMatch(/\$\d/);
  expect(text).toContain("(1) as n");
  expect(text).toContain("3 -(-1) as k");
  expect(text).toContain("true as b");
  expect(text).toContain("null as z");
  expect(inlineQuery(query)).toMatch(/\(1\) as n/);
});

it("refuses values with no plain literal form", () => {
  expect(() => inlineQuery(sql`select ${Number.NaN}`)).toThrow(/cannot write NaN/);
  expect(() => inlineQuery(sql`select ${new Date(0)}`)).toThrow(/an object/);
  expect(() => inlineQuery(sql`select ${Buffer.from("x")}`)).toThrow(/an object/);
});

describeEachDb("COPY out", (ctx) => {
  it("reads many rows, streamed in chunks on node-postgres, each row once and in order", async () => {
    const rows = await copyOutRows(
      ctx.db,
      sql`select g, repeat('é\t', g % 7) || 'x' from generate_series(1, ${20_000}) as g order by g`,
    );
    expect(rows).toHaveLength(20_000);
    expect(rows[0]).toEqual(["1", "é\tx"]);
    expect(rows[19_999]).toEqual(["20000", `${"é\t".repeat(20_000 % 7)}x`]);
    expect(rows.every((r, i) => r[0] === String(i + 1))).toBe(true);
  });

  it("reads rows with COPY on both drivers, in and out of a transaction, values intact", async () => {
    await ctx.db.execute(sql.raw("create table copy_out (id integer primary key, label text, ref uuid)"));
    const ref = "0b8f7f2e-3c1a-4e55-9c0e-5d2d7a1b9e01";
    const labels = [...NASTY, null];
    for (const [i, label] of labels.entries()) {
      await ctx.db.execute(sql`insert into copy_out (id, label, ref) values (${i}, ${label}, ${i % 2 ? ref : null})`);
    }
    const query = () => sql`select id, label, ref from copy_out order by id`;
    const expected = labels.map((label, i) => [String(i), label, i % 2 ? ref : null]);
    expect(await copyOutRows(ctx.db, query())).toEqual(expected);
    expect(await ctx.db.transaction((tx) => copyOutRows(tx, query()))).toEqual(expected);
  });

  it("filters by values written into the query, which cannot break out of their literal", async () => {
    await ctx.db.execute(sql.raw("create table copy_filter (label text)"));
    for (const label of NASTY) await ctx.db.execute(sql`insert into copy_filter values (${label})`);
    for (const label of NASTY) {
      const rows = await copyOutRows(ctx.db, sql`select label from copy_filter where label = ${label}`);
      expect(rows).toEqual([[label]]);
    }
    const injection = "x'; drop table copy_filter; --";
    expect(await copyOutRows(ctx.db, sql`select label from copy_filter where label = ${injection}`)).toEqual([]);
    const left = await copyOutRows(ctx.db, sql`select count(*) from copy_filter`);
    expect(left).toEqual([[String(NASTY.length)]]);
    const arithmetic = await copyOutRows(ctx.db, sql`select 3 -${-1}, ${-2} * 2, ${0.5}`);
    expect(arithmetic).toEqual([["4", "-4", "0.5"]]);
  });
});

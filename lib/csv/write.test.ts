import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvText, csvWriter, safeCell } from "./write";

describe("CSV writing", () => {
  it("neutralises cells a spreadsheet would run as a formula, and leaves plain numbers alone", () => {
    for (const cell of [
      "=1+1",
      "+cmd",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
      '=HYPERLINK("http://x")',
      "-",
      "+1 555 0100",
    ]) {
      expect(safeCell(cell)).toBe(`'${cell}`);
    }
    for (const cell of ["-5", "+3", "-12.50", "1e3", "0", "", "Mug", "a=b", "'=already"])
      expect(safeCell(cell)).toBe(cell);
  });

  it("writes neutralised cells through both the stream and the whole-file writer", async () => {
    const rows = [["=cmd|' /C calc'!A0", "-5", "@x"]];
    const expected = `a,b,c\n'=cmd|' /C calc'!A0,-5,'@x\n`;
    expect(csvText(rows, ["a", "b", "c"])).toBe(expected);
    expect(await text(Readable.from(rows).pipe(csvWriter(["a", "b", "c"])))).toBe(expected);
  });

  it("csvCell and csvLine write the bytes of the library writer, for generated cells", async () => {
    // Cells built from the characters that decide quoting and neutralising, plus plain text and
    // numbers, from a fixed seed (a failure names the cells, so it can be replayed).
    const alphabet = [
      '"',
      ",",
      "\n",
      "\r",
      "\t",
      "=",
      "+",
      "-",
      "@",
      "'",
      ".",
      "e",
      "E",
      "1",
      "0",
      " ",
      "a",
      "é",
      "\uFF1D",
    ];
    let seed = 20261130;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const cell = () => Array.from({ length: next(6) }, () => alphabet[next(alphabet.length)]!).join("");
    const rows = Array.from({ length: 3000 }, () => Array.from({ length: 4 }, cell));
    rows.push(["", "-5", "+3.5", "1e3"], ["=1+1", '=HYPERLINK("x")', "a,b", 'say "hi"']);
    const columns = ["a", "b", "c", "d"];
    const expected = csvText(rows, columns);
    expect(csvLine(columns) + rows.map((r) => csvLine(r)).join("")).toBe(expected);
    expect(await text(Readable.from(rows).pipe(csvWriter(columns)))).toBe(expected);
    expect(csvCell('=a"b')).toBe(`"'=a""b"`);
    expect(csvCell("-5")).toBe("-5");
  });

  it("is the only writer: no other module imports csv-stringify", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !full.endsWith(path.join("lib", "csv", "write.ts"))) {
          if (/from ["']csv-stringify/.test(fs.readFileSync(full, "utf8"))) offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ["lib", "app", "components", "scripts", "db"]) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});

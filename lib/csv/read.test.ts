import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { duplicateHeaderMessage, rowWidthProblem } from "./columns";
import { detectDelimiter } from "./delimiter";
import { openCsv } from "./read";
import { binaryFileProblem, detectEncoding } from "./sniff";

const latin1 = (text: string) => Buffer.from(text, "latin1");

async function readAll(source: Parameters<typeof openCsv>[0], options?: Parameters<typeof openCsv>[1]) {
  const file = await openCsv(source, options);
  const rows = [];
  for await (const record of file.records()) rows.push(record);
  return { file, rows };
}

describe("encoding", () => {
  it("reads a Windows-1252 file as Windows-1252", async () => {
    const { file, rows } = await readAll(latin1("SKU,Title\nMUG-1,Caf\xE9 Cr\xE8me Men\x92s\n"));
    expect(file.format.encoding).toBe("windows-1252");
    expect(rows[0]!.cells[1]).toBe("Café Crème Men’s");
  });

  it("reads UTF-8 with and without a byte-order mark", async () => {
    const plain = await readAll(Buffer.from("SKU,Title\nMUG-1,Café Men’s\n"));
    expect(plain.file.format.encoding).toBe("utf-8");
    expect(plain.rows[0]!.cells[1]).toBe("Café Men’s");
    const bom = await readAll(Buffer.from("\uFEFFSKU,Title\nMUG-1,Café\n"));
    expect(bom.file.format.encoding).toBe("utf-8-bom");
    expect(bom.file.header).toEqual(["SKU", "Title"]);
  });

  it("reads UTF-16 LE and BE with a byte-order mark, and LE without one", async () => {
    const text = "SKU,Title\nMUG-1,Café Men’s\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
      [Buffer.from(text, "utf16le"), "utf-16le"],
    ] as const) {
      const { file, rows } = await readAll(bytes);
      expect(file.format.encoding).toBe(encoding);
      expect(file.header).toEqual(["SKU", "Title"]);
      expect(rows[0]!.cells).toEqual(["MUG-1", "Café Men’s"]);
    }
  });

  it("decodes a character split between two chunks", async () => {
    const bytes = Buffer.from("SKU,Title\nMUG-1,Café\n");
    const at = bytes.indexOf(0xc3) + 1;
    const { rows } = await readAll(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]));
    expect(rows[0]!.cells[1]).toBe("Café");
  });

  it("does not take a UTF-8 character cut at the end of a head for Windows-1252", () => {
    const bytes = Buffer.from("a,Café");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe("utf-8");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toBe("windows-1252");
  });
});

describe("delimiter", () => {
  it.each([
    ["SKU,Title,Price\nA,Mug,1\n", ","],
    ["SKU;Title;Price\nMUG-1;Mug, large;12,99\nMUG-2;Cup;3,50\n", ";"],
    ["SKU\tTitle\tPrice\nA\tMug, large\t1\n", "\t"],
    ["SKU|Title|Price\nA|Mug; large|1\n", "|"],
    ['SKU,Tags\nA,"a;b;c|d"\n', ","],
    ["SKU\nA\n", ","],
  ])("detects %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it("reads a semicolon file with decimal commas as its columns", async () => {
    const { file, rows } = await readAll(Buffer.from("SKU;Title;Price\nMUG-1;Mug, large;12,99\n"));
    expect(file.format.delimiter).toBe(";");
    expect(rows[0]!.cells).toEqual(["MUG-1", "Mug, large", "12,99"]);
  });
});

describe("duplicate and blank headers", () => {
  it("keeps both columns of a repeated header, named by position", async () => {
    const { file, rows } = await readAll("SKU,Title,UPC,UPC\nMUG-1,Mug,,012345678905\n");
    expect(file.columns.map((c) => c.key)).toEqual(["SKU", "Title", "UPC (column 3)", "UPC (column 4)"]);
    expect(file.duplicates).toEqual([{ header: "UPC", columns: [3, 4] }]);
    expect(rows[0]!.cells[3]).toBe("012345678905");
    expect(duplicateHeaderMessage(file.duplicates[0]!)).toBe(
      "The header names “UPC” twice (columns 3 and 4); each is listed on its own, as “UPC (column 3)” or “UPC (column 4)”: choose the one to import.",
    );
  });

  it("names blank headers by position and compares names without case", async () => {
    const { file } = await readAll("SKU,,upc,UPC\n1,2,3,4\n");
    expect(file.columns.map((c) => c.key)).toEqual(["SKU", "Column 2", "upc (column 3)", "UPC (column 4)"]);
  });
});

describe("binary files", () => {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );

  it("refuses a PNG renamed .csv", async () => {
    expect(binaryFileProblem(png)).toMatch(/^This file is a PNG image, not a CSV file/);
    await expect(openCsv(png)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/PNG/) });
  });

  it("refuses an Excel workbook and random bytes", () => {
    expect(binaryFileProblem(Buffer.from("PK\u0003\u0004rest", "latin1"))).toMatch(/Excel workbook \(\.xlsx\)/);
    const random = Buffer.alloc(4096);
    let seed = 7;
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      random[i] = seed >> 16;
    }
    expect(binaryFileProblem(random)).toMatch(/is not text/);
  });

  it("reads a text file with a few NULs and counts the cells cleaned", async () => {
    const { file, rows } = await readAll(Buffer.from("SKU,Street\nA,Apt 4\u0000\nB,x\u0007y\u0000\nC,ok\n"));
    expect(rows.map((r) => r.cells[1])).toEqual(["Apt 4", "xy", "ok"]);
    expect(file.cleanedCells).toBe(2);
  });
});

describe("rows that cannot be trusted", () => {
  it("says a row shifted by an unquoted $1,234.50 has more columns than the header", () => {
    expect(rowWidthProblem(5, 4, ",")).toBe(
      "has 5 columns but the header has 4: a value with an unquoted comma (,) (like $1,234.50) splits into two cells and shifts the ones after it. Put such values in quotes",
    );
    expect(rowWidthProblem(4, 4, ",")).toBeNull();
    expect(rowWidthProblem(3, 4, ",")).toBe("has 3 columns but the header has 4");
  });

  it("stops at a quote that never closes and says where, without counting swallowed rows", async () => {
    const csv = [
      "SKU,Title,Price",
      "Q-1,Mug,1.00",
      "Q-2,Mug,2.00",
      "Q-3,Mug,3.00",
      'Q-4,"Unclosed quote mug,4.00',
      "Q-5,Mug,5.00",
      "Q-6,Mug,6.00",
      "Q-7,Mug,7.00",
    ].join("\n");
    const { file, rows } = await readAll(Buffer.from(`${csv}\n`));
    expect(rows.map((r) => r.cells[0])).toEqual(["Q-1", "Q-2", "Q-3"]);
    expect(file.stopped).toEqual({
      row: 5,
      line: 5,
      message:
        "Row 5 (line 5): a quote opens in this row and is never closed, so the rest of the file could not be read. Rows before it were read; close or remove the quote and import the file again.",
    });
  });

  it("keeps a stray quote inside a cell as text, and quoted line breaks", async () => {
    const { rows, file } = await readAll('SKU,Title\nA,5" screen\nB,"two\nlines"\nC,x\n');
    expect(rows.map((r) => [r.row, r.line, r.cells[1]])).toEqual([
      [2, 2, '5" screen'],
      [3, 3, "two\nlines"],
      [4, 5, "x"],
    ]);
    expect(file.stopped).toBeNull();
  });

  it("leaves out the last, maybe cut, row of a head and blank rows", async () => {
    const { rows } = await readAll(Buffer.from("SKU,Title\nA,Mug\n,\nB,Cu"), { partial: true });
    expect(rows.map((r) => r.cells[0])).toEqual(["A"]);
  });

  it("refuses an empty file", async () => {
    await expect(openCsv(Buffer.alloc(0))).rejects.toMatchObject({ code: "VALIDATION", message: /empty/ });
    await expect(openCsv("\n\n")).rejects.toMatchObject({ code: "VALIDATION", message: /empty/ });
  });
});

/**
 * Staging in memory: a fetch step's rows kept as JSON text, rebuilt into products with staging's
 * semantics (first copy and first EAN win, a catalog row's own EAN before an inventory row's).
 */

import { describe, expect, it } from "vitest";
import {
  createRunMemories,
  joinSteps,
  loadedRows,
  productsFromMemory,
  type StagedEan,
  type StagedProduct,
  type StepRows,
} from "./staging";

const product = (id: string, ean: string | null = null): StagedProduct => [
  id,
  `UPC-${id}`,
  null,
  null,
  null,
  ean,
  null,
];

function memoryWith(catalog: StagedProduct[][], inventory: StagedEan[][]) {
  const memories = createRunMemories();
  const memory = memories.of("run-1");
  let from = 1;
  for (const rows of catalog) {
    memory.steps.set(`catalog:${from}`, {
      to: from,
      size: rows.length,
      json: JSON.stringify(rows),
      hasEan: rows.some((r) => r[5]),
    });
    from++;
  }
  memory.lastPage.catalog = from - 1;
  from = 1;
  for (const rows of inventory) {
    memory.steps.set(`inventory:${from}`, { to: from, size: rows.length, json: JSON.stringify(rows), hasEan: false });
    from++;
  }
  if (inventory.length) memory.lastPage.inventory = from - 1;
  return memory;
}

/** StepRows that counts its reads. */
function counted<Row>(rows: Row[], hasEan: boolean): StepRows<Row> & { reads: number } {
  const step = {
    reads: 0,
    hasEan,
    read: () => {
      step.reads++;
      return rows;
    },
  };
  return step;
}

describe("staging in memory", () => {
  it("rebuilds products from the steps' JSON: a catalog row's own EAN first, then the first inventory EAN", () => {
    const memory = memoryWith(
      [
        [product("A"), product("B", "4006381333931")],
        [product("C"), product("A")],
      ],
      [
        [
          ["B", "0000000000000"],
          ["C", "5901234123457"],
        ],
        [["C", "9780201379624"]],
      ],
    );
    const products = productsFromMemory(memory, 4);
    expect(products?.map((p) => [p.id, p.ean])).toEqual([
      ["A", null],
      ["B", "4006381333931"],
      ["C", "5901234123457"],
      ["A", null],
    ]);
    expect(products?.[0]).toMatchObject({ upc: "UPC-A", lastModified: null });
  });

  it("refuses memory that does not hold what the cursor counted, or misses a step", () => {
    expect(productsFromMemory(memoryWith([[product("A")]], []), 2)).toBeNull();
    const gap = memoryWith([[product("A")], [product("B")]], []);
    gap.steps.delete("catalog:2");
    expect(productsFromMemory(gap, 2)).toBeNull();
  });

  it("reads a catalog step once when none of its rows has an EAN, twice when one does", () => {
    const plain = counted([product("A")], false);
    const withEan = counted([product("B", "4006381333931")], true);
    const inventory = counted<StagedEan>([["A", "5901234123457"]], false);
    const products = joinSteps([plain, withEan], [inventory]);
    expect(products.map((p) => [p.id, p.ean])).toEqual([
      ["A", "5901234123457"],
      ["B", "4006381333931"],
    ]);
    expect([plain.reads, withEan.reads, inventory.reads]).toEqual([1, 2, 1]);
  });

  it("lets go of loaded rows once read, and sees a loaded chunk's own EANs", () => {
    const chunk = loadedRows([product("A", "4006381333931"), product("B")], true);
    expect(chunk.hasEan).toBe(true);
    expect(loadedRows([product("A")], true).hasEan).toBe(false);
    expect(joinSteps([chunk], []).map((p) => p.ean)).toEqual(["4006381333931", null]);
    expect(chunk.read()).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { createSandboxChannel } from "./channel-fixture";
import { expectAccessible, signOut, signUp } from "./helpers";

/**
 * The catalog journey: import the sample CSV through the import page (mapping, preview, result),
 * create a channel with the wizard against the app's sandbox, run Link Listings from the catalog,
 * read the result on the run page, download the unmatched CSV, and see linked and unmatched
 * variants on the catalog page. The sample CSV is made from the sandbox's own products, so the
 * run links some variants by every default pair and leaves the rest unmatched, ambiguous,
 * conflicting or with an invalid code.
 */

const SAMPLE = path.join(process.cwd(), "public", "sample-catalog.csv");
const sampleRows = parse(readFileSync(SAMPLE, "utf8"), { columns: true }) as Array<Record<string, string>>;

/** No serious or critical accessibility violations on the current page. */
const count = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ""));

test("imports the sample CSV, runs Link Listings and shows linked and unmatched variants", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page);

  // An empty catalog offers the three ways in.
  await page.goto("/catalog");
  await expect(page.getByText("Your catalog is empty")).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the sample CSV" })).toHaveAttribute(
    "href",
    "/sample-catalog.csv",
  );
  await expect(page.getByRole("button", { name: "Load the demo catalog" })).toBeVisible();
  await expectAccessible(page, "empty catalog");
  await page.getByRole("link", { name: "Import a CSV" }).click();
  await expect(page).toHaveURL(/\/catalog\/import$/);

  // Choose the file: the columns are matched by name and the first rows previewed.
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(SAMPLE);
  await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
  await expect(page.getByLabel("SKU *", { exact: true })).toHaveValue("sku");
  await expect(page.getByLabel("UPC", { exact: true })).toHaveValue("upc");
  await expect(page.getByLabel("MPN", { exact: true })).toHaveValue("mpn");
  const preview = page.getByTestId("preview-table");
  await expect(preview).toContainText(sampleRows[0]!.sku!);
  await expect(preview.getByRole("cell", { name: "OK" }).first()).toBeVisible();
  await expectAccessible(page, "import: mapping and preview");

  // Unmapping the SKU is explained next to the field and blocks the import.
  await page.getByLabel("SKU *", { exact: true }).selectOption("");
  await expect(page.getByText("Choose the column that holds the SKU")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toBeDisabled();
  await page.getByLabel("SKU *", { exact: true }).selectOption("sku");

  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByRole("heading", { name: "Import result" })).toBeVisible({ timeout: 30_000 });
  expect(await count(page, "import-created")).toBe(sampleRows.length);
  expect(await count(page, "import-rejected")).toBe(0);
  await expectAccessible(page, "import: result");

  // No channel yet: the catalog lists every variant and says how to link them.
  await page.getByRole("link", { name: "View the catalog" }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByTestId("catalog-row")).toHaveCount(Math.min(50, sampleRows.length));
  await expect(page.getByText("No channel yet")).toBeVisible();

  // A channel through the wizard, then Link Listings from the catalog page.
  await createSandboxChannel(page, "Link store");
  await page.goto("/catalog");
  await expect(page.getByRole("heading", { name: "Link Listings on Link store" })).toBeVisible();
  await page.getByRole("button", { name: "Run Link Listings" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}/);
  const runUrl = page.url();
  const summary = page.getByTestId("link-run-summary");
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^Succeeded$/).first()).toBeVisible();
  await expectAccessible(page, "Link Listings run");

  // The sample's 51 rows against the default sandbox (seed 42, company 1, default priority):
  // 40 linked (23 by SKU, 10 by UPC, 2 by EAN from inventory rows, 5 by MPN), 5 new products
  // unmatched, 1 UPC shared by two products, 1 MPN claimed twice, 4 UPCs with a wrong check digit.
  const linked = await count(page, "link-summary-linked");
  const unmatched = await count(page, "link-summary-unmatched");
  const ambiguous = await count(page, "link-summary-ambiguous");
  expect({
    linked,
    unmatched,
    ambiguous,
    conflicts: await count(page, "link-summary-conflicts"),
    invalidCodes: await count(page, "link-summary-invalidCodes"),
  }).toEqual({ linked: 40, unmatched: 5, ambiguous: 1, conflicts: 1, invalidCodes: 4 });
  // Every default pair linked something: SKU, UPC, EAN (from inventory rows) and MPN.
  for (const pair of ["SKU → ID", "UPC → UPC", "EAN → EAN", "MPN → ManufacturerSKU"]) {
    await expect(summary.getByRole("row", { name: new RegExp(pair) })).toBeVisible();
  }

  // The unmatched CSV: one row per unmatched or ambiguous variant, with its identifiers.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    summary.getByRole("link", { name: /Download unmatched and ambiguous/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^link-listings-unmatched-.*\.csv$/);
  const rows = parse(readFileSync((await download.path())!, "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;
  expect(rows).toHaveLength(unmatched + ambiguous);
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["unmatched", "ambiguous"]));
  const skus = new Set(sampleRows.map((r) => r.sku));
  for (const row of rows) expect(skus.has(row.sku!)).toBe(true);
  const newProduct = rows.find((r) => r.sku!.startsWith("CD-NEW-"));
  expect(newProduct?.status).toBe("unmatched");
  const ambiguousRow = rows.find((r) => r.status === "ambiguous");
  expect(ambiguousRow?.upc).not.toBe("");
  expect(ambiguousRow?.candidates?.split(" ").length).toBeGreaterThan(1);

  // Exactly which variants this run linked, one click from the run.
  await summary.getByRole("link", { name: "See the variants this run linked" }).click();
  await expect(page).toHaveURL(/\/catalog\?.*run=/);
  await expect(page.getByText("Showing only the variants one Link Listings run linked")).toBeVisible();
  await expect(page.getByTestId("catalog-row")).toHaveCount(linked);

  // The catalog shows each variant's link: linked ones with their SellerCloud product and pair.
  await page.goto("/catalog");
  await expect(page.getByTestId("status-filter-linked")).toContainText(`(${linked})`);
  await page.getByTestId("status-filter-linked").click();
  await expect(page).toHaveURL(/status=linked/);
  const linkedRows = page.getByTestId("catalog-row");
  await expect(linkedRows).toHaveCount(Math.min(50, linked));
  await expect(linkedRows.first().getByTestId("link-cell")).toContainText("Linked");
  await expect(linkedRows.first().getByTestId("link-cell")).toContainText(/to SellerCloud \S+\s*by /);
  await expectAccessible(page, "catalog, linked filter");

  await page.getByTestId("status-filter-unmatched").click();
  await expect(page).toHaveURL(/status=unmatched/);
  const unmatchedRows = page.getByTestId("catalog-row");
  await expect(unmatchedRows).toHaveCount(unmatched);
  await expect(unmatchedRows.first().getByTestId("link-cell")).toContainText("Unmatched");
  await expect(page.locator(`[data-sku="${newProduct!.sku}"]`)).toContainText(
    "No SellerCloud product of company 1 matches",
  );

  // Search narrows to one variant, and the run page is one click away.
  await page.getByLabel("Search", { exact: true }).fill(newProduct!.sku!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("catalog-row")).toHaveCount(1);
  await page.getByRole("link", { name: "View the run" }).click();
  await expect(page).toHaveURL(runUrl);

  // The export carries each variant's link on the channel.
  await page.goto("/catalog");
  const [exported] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const exportRows = parse(readFileSync((await exported.path())!, "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;
  expect(exportRows).toHaveLength(sampleRows.length);
  expect(exportRows.filter((r) => r.sellercloud_product_id)).toHaveLength(linked);

  // Another workspace cannot download this run's CSV.
  const runId = runUrl.split("/").pop()!.split("?")[0]!;
  await signOut(page);
  await signUp(page);
  const foreign = await page.request.get(`/api/runs/${runId}/unmatched`);
  expect(foreign.status()).toBe(404);
});

test("explains bad rows in the preview and the result, keeping the valid ones", async ({ page }) => {
  await signUp(page);
  await page.goto("/catalog/import");
  const csv = [
    "Item SKU,Product Name,Qty,Retail",
    "GOOD-1,First good row,5,19.99",
    "BAD-PRICE,Price is words,3,nineteen",
    ",No SKU here,1,1.00",
    "GOOD-2,Second good row,12,$1,250.00",
    "GOOD-3,Third good row,7,4.50",
  ].join("\n");
  await expect(page.getByLabel("CSV file", { exact: true })).toBeEnabled();
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "messy.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  // Differently named columns are recognised where the name says what they hold.
  await expect(page.getByLabel("SKU *", { exact: true })).toHaveValue("Item SKU");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Product Name");
  await expect(page.getByLabel("Quantity", { exact: true })).toHaveValue("Qty");
  // "Retail" is not a name Conduit recognises: the user picks it for Price, and the preview follows.
  await expect(page.getByLabel("Price", { exact: true })).toHaveValue("");
  await page.getByLabel("Price", { exact: true }).selectOption("Retail");

  // The preview marks each bad row with what is wrong, in words.
  const preview = page.getByTestId("preview-table");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText(
    'Column “Retail”: Price must be an amount like 12.99 (got "nineteen")',
  );
  await expect(preview.getByRole("row", { name: /^4 / })).toContainText("Column “Item SKU”: SKU is empty");
  await expect(preview.getByRole("row", { name: /^5 / })).toContainText(
    "This row has 5 columns but the header has 4: a value with an unquoted comma (,) (like $1,234.50)",
  );

  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByRole("heading", { name: "Import result" })).toBeVisible({ timeout: 30_000 });
  expect(await count(page, "import-created")).toBe(2);
  expect(await count(page, "import-rejected")).toBe(3);
  const errors = page.getByTestId("import-errors");
  await expect(errors.getByRole("row")).toHaveCount(4); // header + 3
  await expect(errors.getByRole("row", { name: /^3 Retail/ })).toContainText("Price must be an amount like 12.99");
  await expect(errors.getByRole("row", { name: /^4 Item SKU/ })).toContainText("SKU is empty");
  await expect(errors.getByRole("row", { name: /^5 whole row/ })).toContainText("This row has 5 columns");
  await expectAccessible(page, "import: result with errors");

  // The valid rows are in the catalog.
  await page.getByRole("link", { name: "View the catalog" }).click();
  await expect(page.getByTestId("catalog-row")).toHaveCount(2);
  await expect(page.locator('[data-sku="GOOD-1"]')).toContainText("19.99");
});

test("reads merchants' files as they come: Windows-1252, semicolons, a repeated header; refuses a picture", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/catalog/import");
  const input = page.getByLabel("CSV file", { exact: true });
  // The input is enabled once the page is hydrated; a file set before that reached no handler.
  await expect(input).toBeEnabled();

  // A PNG renamed .csv is refused when chosen, before any column matching.
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
  await input.setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: png });
  // Next.js keeps an empty role="alert" route announcer on every page: name the alert by its text.
  await expect(page.getByRole("alert").filter({ hasText: "This file is a PNG image, not a CSV file" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Match the columns" })).toHaveCount(0);

  // Windows-1252 bytes, semicolons, decimal commas and "UPC" twice.
  const csv = Buffer.from("SKU;Title;UPC;UPC;Price\nCAFE-1;Caf\xE9 Cr\xE8me Men\x92s;;012345678905;12,99\n", "latin1");
  await input.setInputFiles({ name: "europe.csv", mimeType: "text/csv", buffer: csv });
  await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
  await expect(page.getByTestId("file-format")).toContainText("Windows-1252");
  await expect(page.getByTestId("file-format")).toContainText("semicolon (;)");
  await expect(page.getByText("The header names “UPC” twice (columns 3 and 4)")).toBeVisible();
  const upc = page.getByLabel("UPC", { exact: true });
  await expect(upc).toHaveValue("UPC (column 4)");
  await expect(upc.locator("option")).toContainText(["UPC (column 3)", "UPC (column 4) (suggested)"]);
  const preview = page.getByTestId("preview-table");
  await expect(preview).toContainText("Café Crème Men’s");
  await expect(preview).toContainText("12,99");
  await expectAccessible(page, "import: file read notes");

  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByRole("heading", { name: "Import result" })).toBeVisible({ timeout: 30_000 });
  expect(await count(page, "import-created")).toBe(1);
  await page.getByRole("link", { name: "View the catalog" }).click();
  await expect(page.locator('[data-sku="CAFE-1"]')).toContainText("Café Crème Men’s");
  await expect(page.locator('[data-sku="CAFE-1"]')).toContainText("12.99");
});

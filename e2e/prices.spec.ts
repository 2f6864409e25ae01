import path from "node:path";
import { expect, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { expectAccessible, signUp } from "./helpers";

/**
 * Sync Prices & Quantities (issue 16): import the sample catalog, create a channel against the
 * app's sandbox and link it, turn the operation on in Confirm integrations (the pricing step's
 * "not sent yet" notice goes), choose the warehouse, run a dry run (values listed, nothing sent),
 * run it (every first push waits for review), send all from the review, and see the run and the
 * values SellerCloud now holds.
 */

const SAMPLE = path.join(process.cwd(), "public", "sample-catalog.csv");

test("turn on Sync Prices & Quantities, dry run, review, send, and see SellerCloud's values", async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page);

  await page.goto("/catalog/import");
  // Enabled once hydrated: a file set before that would reach no change handler.
  await expect(page.getByLabel("CSV file", { exact: true })).toBeEnabled();
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(SAMPLE);
  await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
  await page.getByRole("button", { name: /^Import/ }).click();
  await expect(page.getByRole("heading", { name: "Import result" })).toBeVisible({ timeout: 30_000 });

  const channelUrl = await createSandboxChannel(page, "Price store");
  await page.getByTestId("operation-link_listings").getByRole("button", { name: "Run Link Listings now" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");

  // Off: the pricing step says the rules are not sent.
  await page.goto(`${channelUrl}/settings/pricing`);
  await expect(page.getByText("Not sent to SellerCloud yet")).toBeVisible();

  // Turn it on in Confirm integrations.
  await page.goto(`${channelUrl}/settings/operations`);
  await page.getByRole("checkbox", { name: /Sync Prices & Quantities/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Saved/).first()).toBeVisible();
  await page.goto(`${channelUrl}/settings/pricing`);
  await expect(page.getByText("Sent to SellerCloud", { exact: true })).toBeVisible();
  await expect(page.getByText("Not sent to SellerCloud yet")).toHaveCount(0);

  // The channel page offers it, with the review page.
  await page.goto(channelUrl);
  const row = page.getByTestId("operation-sync_prices");
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "Prices & quantities review" }).click();
  await expect(page.getByRole("heading", { name: "Prices & quantities", level: 1 })).toBeVisible();
  await expect(page.getByText("No warehouse chosen")).toBeVisible();

  // Choose the warehouse (listed from SellerCloud).
  const warehouse = page.getByLabel("SellerCloud warehouse for quantities");
  await expect(warehouse.locator("option", { hasText: "Main warehouse (#1)" })).toHaveCount(1);
  await warehouse.selectOption({ label: "Main warehouse (#1)" });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved the Sync Prices & Quantities settings.")).toBeVisible();
  await expectAccessible(page, "prices page");

  // Dry run: per variant what would be sent, nothing sent.
  await page.getByRole("button", { name: "Dry run" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");
  // Every value is a first push here: the dry run lists each as one it would hold for review.
  await expect(
    page.getByText(/^Dry run: would hold for review \(first push\) price \$[\d.]+ for SC-/).first(),
  ).toBeVisible();
  await page.goto(`${channelUrl}/prices`);
  await expect(page.getByRole("link", { name: "Waiting for review (0)" })).toBeVisible();

  // The real run holds every first push for review.
  await page.getByRole("button", { name: "Run Sync Prices & Quantities now" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");
  await expect(page.getByText(/value\(s\) were never sent to SellerCloud; they wait on the review page/)).toBeVisible();
  await page.goto(`${channelUrl}/prices`);
  const waiting = page.getByRole("link", { name: /^Waiting for review \(\d+\)$/ });
  const held = Number(/\((\d+)\)/.exec((await waiting.textContent()) ?? "")?.[1]);
  expect(held).toBeGreaterThan(10);
  const first = page.getByTestId("review-SC-000001");
  await expect(first).toContainText("$158.81");
  await expect(first).toContainText("The listing's price");
  await expectAccessible(page, "review");

  // Send everything held: a run sends it.
  await page.getByRole("button", { name: `Send all held (${held})` }).click();
  await expect(page.getByText(`Approved ${held} variant(s); sending them now.`)).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByRole("link", { name: /^In SellerCloud \(\d+\)$/ }).textContent();
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(`In SellerCloud (${held})`);

  // What SellerCloud holds now, read back from it.
  await page.getByRole("link", { name: `In SellerCloud (${held})` }).click();
  await page.getByRole("button", { name: "Read current SellerCloud values for these rows" }).click();
  await expect(page.getByText(/Read SellerCloud's values of \d+ variant\(s\)\./)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("review-SC-000001")).toContainText("$158.81");
  await expect(page.getByTestId("review-SC-000001")).toContainText("104");

  // The run is on the channel page.
  await page.goto(channelUrl);
  await page.getByTestId("operation-sync_prices").getByRole("link", { name: /\d/ }).first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}/);
  await expect(page.getByText(/^Succeeded$/).first()).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { expectAccessible, PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

/**
 * What a merchant expects and did not find (issue 14): the account page, copying a new API key,
 * the workspace's own sandbox with "Reset sandbox data", template version diff and restore, the
 * order's personal-data date and currency, deleting catalog rows and deleting a channel. Every
 * page touched gets an axe scan (no serious or critical violations).
 */
test("account: change name, email and password, then sign out everywhere", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Account settings" }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expectAccessible(page, "account page");

  const profile = page.getByRole("region", { name: "Name and email" });
  await profile.getByLabel("Name", { exact: true }).fill("Robin Merchant");
  await profile.getByRole("button", { name: "Save name and email" }).click();
  await expect(profile.getByText("Saved.", { exact: true })).toBeVisible();

  // A new email needs the current password.
  const newEmail = uniqueEmail("moved");
  await profile.getByLabel("Email", { exact: true }).fill(newEmail);
  await profile.getByRole("button", { name: "Save name and email" }).click();
  await expect(profile.getByText("Enter your current password to change your email").first()).toBeVisible();
  await profile.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await profile.getByRole("button", { name: "Save name and email" }).click();
  await expect(profile.getByText(`Saved. Sign in with ${newEmail} from now on.`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toHaveText(newEmail);

  // The password: the current one is checked.
  const newPassword = "a much newer passphrase";
  const passwordSection = page.getByRole("region", { name: "Password", exact: true });
  await passwordSection.getByLabel("Current password", { exact: true }).fill("not my password");
  await passwordSection.getByLabel("New password", { exact: true }).fill(newPassword);
  await passwordSection.getByRole("button", { name: "Change password" }).click();
  await expect(passwordSection.getByText("Not your current password")).toBeVisible();
  await passwordSection.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await passwordSection.getByRole("button", { name: "Change password" }).click();
  await expect(passwordSection.getByText(/^Password changed\./)).toBeVisible();
  await expectAccessible(page, "account page after changes");

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/channels");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, newEmail, newPassword);
  await expect(page).toHaveURL(/\/channels$/);
});

test.describe("API keys", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("copies a newly created key", async ({ page }) => {
    await signUp(page);
    await page.goto("/settings/api-keys");
    await page.getByLabel("Key name").fill("East warehouse");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
    expect(key).toMatch(/^cdt_/);
    await page.getByRole("button", { name: "Copy key" }).click();
    await expect(page.getByText("Copied", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(page, "API keys with a new key");
  });
});

test("own sandbox and its reset, template diff and restore, order retention and currency, catalog and channel delete", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUp(page);
  const channelUrl = await createSandboxChannel(page, "Extras store");

  // The channel is on the workspace's own sandbox: it can be reset from the channel page.
  await page.goto(channelUrl);
  await expect(page.getByRole("heading", { name: "Built-in sandbox" })).toBeVisible();
  await page.getByRole("button", { name: "Reset sandbox data" }).click();
  await page.getByRole("button", { name: "Yes, reset sandbox data" }).click();
  await expect(page.getByText(/The sandbox has fresh data/)).toBeVisible();
  await expectAccessible(page, "channel page with the sandbox panel");

  // Template versions: save a change, compare, restore version 1 as version 3.
  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Create from the recommended template" }).click();
  await expect(page).toHaveURL(/\/mapping\/[0-9a-f-]{36}$/);
  const templateUrl = page.url();
  const country = page.getByTestId("row-billing.countryName");
  await country.getByLabel("Mode for Billing address › Country name").selectOption("value");
  await country.getByLabel("Value for Billing address › Country name").fill("USA (E2E)");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await page.goto(`${templateUrl}/versions`);
  await expect(page.getByText("1 field differ between v1 and v2.")).toBeVisible();
  const diff = page.getByRole("table", { name: "Differences between v1 and v2" });
  await expect(diff.getByRole("row", { name: /Billing address · Country name/ })).toContainText("Value: “USA (E2E)”");
  await expectAccessible(page, "template version history with a diff");
  await page.getByRole("button", { name: "Restore version 1 as new version" }).click();
  await expect(page.getByText("Restored as v3.")).toBeVisible();
  await expect(page.getByText("1 field differ between v2 and v3.")).toBeVisible();

  // Get Orders, then an order: when its personal data goes, and amounts in its currency (USD).
  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Run Get Orders", exact: true }).click();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);
  await page.goto("/orders");
  const firstOrder = page.getByRole("link", { name: /^#?\d{7}$/ }).first();
  await expect(firstOrder).toBeVisible();
  await firstOrder.click();
  await expect(page.getByTestId("retention-note")).toContainText("Personal data of this order is kept");
  await expect(page.getByRole("region", { name: "Totals" })).toContainText("$");
  await expectAccessible(page, "order page with retention note and currency");

  // Catalog rows: select one and delete it.
  await page.goto("/catalog");
  await page.getByRole("button", { name: "Load the demo catalog" }).click();
  await expect(page.getByTestId("catalog-row").first()).toBeVisible({ timeout: 30_000 });
  const before = await page.getByTestId("catalog-row").count();
  const sku = (await page.getByTestId("catalog-row").first().getAttribute("data-sku")) ?? "";
  await page.getByLabel(`Select ${sku}`).check();
  await expect(page.getByText("1 selected")).toBeVisible();
  await page.getByRole("button", { name: "Delete selected…" }).click();
  await expectAccessible(page, "catalog with a delete to confirm");
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText(/^Deleted 1 variant/)).toBeVisible();
  await expect(page.locator(`[data-testid="catalog-row"][data-sku="${sku}"]`)).toHaveCount(0);
  expect(await page.getByTestId("catalog-row").count()).toBeLessThanOrEqual(before);

  // Delete the channel, keeping its orders.
  await page.goto(channelUrl);
  await page.getByRole("button", { name: "Delete this channel…" }).click();
  await expect(page.getByRole("button", { name: "Delete channel" })).toBeDisabled();
  await page.getByLabel("Keep them, marked as from a deleted channel", { exact: false }).check();
  await page.getByLabel("Type the channel’s name, “Extras store”, to confirm").fill("Extras store");
  await expectAccessible(page, "channel delete form");
  await page.getByRole("button", { name: "Delete channel" }).click();
  await expect(page).toHaveURL(/\/channels$/);
  await expect(page.getByText("Extras store", { exact: true })).toHaveCount(0);
  await page.goto(channelUrl);
  await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
  await page.goto("/orders");
  await expect(page.getByRole("cell", { name: /^Extras store \(deleted \d{4}-\d{2}-\d{2}\)$/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /^\$\d/ }).first()).toBeVisible();
  await expectAccessible(page, "orders of a deleted channel, amounts in their currency");
});

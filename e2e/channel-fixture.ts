import { expect, type Page } from "@playwright/test";

/**
 * Shared e2e fixture: the shortest walk through the channel wizard against the app's built-in
 * SellerCloud sandbox (company "Conduit Demo Co", "ups" mapped to UPS / UPS Ground, every other
 * step at its defaults), then Activate. Returns the channel's URL, e.g. http://…/channels/<id>.
 */

export async function saveAndNext(page: Page, next: string): Promise<void> {
  await page.getByRole("button", { name: /^Save( Connection)? & Next$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/setup/${next}$`));
}

export async function createSandboxChannel(page: Page, name = "Sandbox store"): Promise<string> {
  await page.goto("/channels/new");
  await page.getByLabel("Channel name").fill(name);
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]+\/setup\/integration$/);
  const channelUrl = page.url().replace(/\/setup\/integration$/, "");
  await saveAndNext(page, "connect");
  await page.getByRole("button", { name: "Use the sandbox" }).click();
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(page.getByText(/Connected to .* as sandbox\+[0-9a-f]{16}@conduit\.local/)).toBeVisible();
  await saveAndNext(page, "operations");
  await saveAndNext(page, "listings");
  await page.getByRole("button", { name: "Skip this step" }).click();
  await expect(page).toHaveURL(/\/setup\/pricing$/);
  await saveAndNext(page, "linking");
  const company = page.getByLabel("SellerCloud company");
  await expect(company).toBeEnabled();
  await company.selectOption({ label: "Conduit Demo Co (ID 1) – default" });
  await saveAndNext(page, "shipping");
  await page.getByRole("button", { name: "Add a mapping" }).click();
  await page.getByLabel("Conduit carrier").fill("ups");
  await page.getByLabel("SellerCloud carrier").selectOption("UPS");
  const service = page.getByLabel("SellerCloud service");
  await expect(service).toBeEnabled();
  await service.selectOption("UPS Ground");
  await saveAndNext(page, "orders");
  await saveAndNext(page, "schedules");
  await saveAndNext(page, "review");
  await page.getByRole("button", { name: "Activate channel" }).click();
  await expect(page.getByText("The channel is active")).toBeVisible();
  return channelUrl;
}

/**
 * The workspace's own sandbox login (what "Use the sandbox" fills in), read from the channel's
 * connection settings without saving; for reading the sandbox through its SellerCloud API.
 */
export async function readSandboxLogin(
  page: Page,
  channelUrl: string,
): Promise<{ username: string; password: string }> {
  await page.goto(`${channelUrl}/settings/connect`);
  await page.getByRole("button", { name: "Use the sandbox" }).click();
  const username = await page.getByLabel("Username").inputValue();
  const password = await page.getByLabel("Password", { exact: true }).inputValue();
  return { username, password };
}

/** Waits on the live run page until the run ends; returns its status label. */
export async function waitForRun(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]+/);
  // The status badge is a span; the counts also have a "Failed" label (a dt), which must not match.
  const finished = page
    .locator("span")
    .filter({ hasText: /^(Succeeded|Partially failed|Failed|Canceled)$/ })
    .first();
  await expect(finished).toBeVisible({ timeout: 60_000 });
  return (await finished.textContent()) ?? "";
}

import { expect, type Page, test } from "@playwright/test";
import { signUp } from "./helpers";

/**
 * Sync Orders end to end: a channel made through the wizard against the app's sandbox, orders
 * imported by Get Orders, a shipment with two tracking numbers recorded on an order page, Sync
 * Orders run, the shipment shown synced, and the sandbox order read back Fully Shipped with both
 * numbers (through the sandbox's own SellerCloud API, as any client would).
 */
test.describe.configure({ mode: "serial" });

const TRACKING = [`1ZE2E${Date.now()}A`, `1ZE2E${Date.now()}B`];

async function saveAndNext(page: Page, next: string) {
  await page.getByRole("button", { name: /^Save( Connection)? & Next$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/setup/${next}$`));
}

/** The shortest walk through the wizard: sandbox connection, "ups" mapped to UPS / UPS Ground. */
async function createSandboxChannel(page: Page): Promise<string> {
  await page.goto("/channels/new");
  await page.getByLabel("Channel name").fill("Sync store");
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]+\/setup\/integration$/);
  const channelUrl = page.url().replace(/\/setup\/integration$/, "");
  await saveAndNext(page, "connect");
  await page.getByRole("button", { name: "Use the sandbox" }).click();
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(page.getByText(/Connected to .* as sandbox@conduit\.local/)).toBeVisible();
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

/** Waits on the live run page until the run ends; returns its status label. */
async function waitForRun(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]+/);
  const finished = page.getByText(/^(Succeeded|Partially failed|Failed)$/).first();
  await expect(finished).toBeVisible({ timeout: 60_000 });
  return (await finished.textContent()) ?? "";
}

/** Reads one order from the app's sandbox through its SellerCloud API. */
async function readSandboxOrder(page: Page, orderId: number) {
  const token = await page.request.post("/sandbox-api/rest/api/token", {
    data: { Username: "sandbox@conduit.local", Password: "sandbox" },
  });
  expect(token.ok()).toBe(true);
  const { access_token } = (await token.json()) as { access_token: string };
  const response = await page.request.get(
    `/sandbox-api/rest/api/Orders?model.orderIDs=${orderId}&model.pageNumber=1&model.pageSize=1`,
    {
      headers: { Authorization: `Bearer ${access_token}` },
    },
  );
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    Items: { ID: number; ShippingStatus: number; AllTrackingNumbers: string[] }[];
  };
  return body.Items[0];
}

test("records a shipment with two tracking numbers, runs Sync Orders and sees the order Fully Shipped in SellerCloud", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page);
  const channelUrl = await createSandboxChannel(page);

  // Import orders with Get Orders ("Run now" on the channel's Get Orders operation).
  await page.goto(channelUrl);
  await page
    .getByRole("button", { name: /Run (Get Orders|now)/ })
    .first()
    .click();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);

  // Open the first imported order that is not shipped yet.
  await page.goto("/orders");
  const orderLink = page.getByRole("link", { name: /^#?\d{7}$/ }).first();
  await expect(orderLink).toBeVisible();
  await orderLink.click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const scOrderId = Number(/#(\d+)/.exec(heading ?? "")?.[1]);
  expect(scOrderId).toBeGreaterThan(0);
  const before = await readSandboxOrder(page, scOrderId);
  test.skip(before?.ShippingStatus === 3, "the first order listed is already shipped in the sandbox");

  // Record the shipment: carrier, service, two tracking numbers, the whole order.
  const form = page.getByRole("form", { name: "Record shipment" });
  await form.getByLabel("Carrier").fill("ups");
  await form.getByLabel("Service").fill("ground");
  await form.getByLabel("Tracking number 1").fill(TRACKING[0]!);
  await form.getByRole("button", { name: "Add tracking number" }).click();
  await form.getByLabel("Tracking number 2").fill(TRACKING[1]!);
  await form.getByRole("button", { name: "Record shipment" }).click();
  await expect(page.getByText("Shipment recorded.")).toBeVisible();
  const shipment = page.getByTestId("shipment").first();
  await expect(shipment).toHaveAttribute("data-state", "pending");
  await expect(shipment).toContainText(`${TRACKING[0]}, ${TRACKING[1]}`);

  // Run Sync Orders from the order page, then come back to the order.
  const orderUrl = page.url();
  await page.getByRole("button", { name: "Run Sync Orders" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");
  await page.goto(orderUrl);
  await expect(page.getByTestId("shipment").first()).toHaveAttribute("data-state", "synced");
  await expect(page.getByTestId("shipment").first()).toContainText("Synced");

  // SellerCloud (the sandbox) shows the order Fully Shipped with both numbers, once each.
  const after = await readSandboxOrder(page, scOrderId);
  expect(after?.ShippingStatus).toBe(3);
  expect([...(after?.AllTrackingNumbers ?? [])].sort()).toEqual([...TRACKING].sort());
});

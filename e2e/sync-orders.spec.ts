import { expect, type Page, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { signUp } from "./helpers";

/**
 * Sync Orders end to end: a channel made through the wizard against the app's sandbox, orders
 * imported by Get Orders, a shipment with two tracking numbers recorded on an order page, Sync
 * Orders run, the shipment shown synced, and the sandbox order read back Fully Shipped with both
 * numbers (through the sandbox's own SellerCloud API, as any client would).
 */
test.describe.configure({ mode: "serial" });

const TRACKING = [`1ZE2E${Date.now()}A`, `1ZE2E${Date.now()}B`];

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

  // Import orders with Get Orders (its Run button on the channel's mapping page).
  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Run Get Orders", exact: true }).click();
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
  await form.getByRole("textbox", { name: "Tracking number 1" }).fill(TRACKING[0]!);
  await form.getByRole("button", { name: "Add tracking number" }).click();
  await form.getByRole("textbox", { name: "Tracking number 2" }).fill(TRACKING[1]!);
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

import { expect, type Page, test } from "@playwright/test";
import { createSandboxChannel, readSandboxLogin, waitForRun } from "./channel-fixture";
import { signUp } from "./helpers";

/**
 * Vendors end to end (issue 18): a pull vendor and a default routing rule, Submit to Vendors turned
 * on and run, the request seen on the order, a shipment posted with the vendor's own key, Sync
 * Orders run, and the order read back Fully Shipped from the app's sandbox.
 */

async function readSandboxOrder(page: Page, login: { username: string; password: string }, orderId: number) {
  const token = await page.request.post("/sandbox-api/rest/api/token", {
    data: { Username: login.username, Password: login.password },
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const response = await page.request.get(
    `/sandbox-api/rest/api/Orders?model.orderIDs=${orderId}&model.pageNumber=1&model.pageSize=1`,
    { headers: { Authorization: `Bearer ${access_token}` } },
  );
  const body = (await response.json()) as { Items: { ID: number; ShippingStatus: number }[] };
  return body.Items[0];
}

test("routes an order to a vendor, takes its shipment by its key and ends Fully Shipped", async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page);
  const channelUrl = await createSandboxChannel(page, "Dropship store");
  const login = await readSandboxLogin(page, channelUrl);

  // Turn Submit to Vendors on (off by default) in Confirm integrations.
  await page.goto(`${channelUrl}/settings/operations`);
  await page.getByRole("checkbox", { name: /Submit to Vendors/ }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).not.toHaveURL(/\/settings\/operations$/);

  // A pull vendor and its key.
  await page.goto("/vendors");
  const form = page.getByRole("form", { name: "Create vendor" });
  await form.getByLabel("Name").fill("Pull Supply");
  await form.getByLabel("Code").fill("PULL");
  await form.getByLabel("Receives orders by").selectOption("pull");
  await form.getByRole("button", { name: "Create vendor" }).click();
  await expect(page).toHaveURL(/\/vendors\/[0-9a-f-]{36}$/);
  await page.getByLabel("Key name").fill("Pull WMS");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-vendor-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^cdv_[A-Za-z0-9]{8}_/);

  // Import orders.
  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Run Get Orders", exact: true }).click();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);

  // One rule: every line to the vendor; preview it, save it, run Submit to Vendors.
  await page.goto(`${channelUrl}/routing`);
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 kind").selectOption("default");
  await page.getByLabel("Rule 1 vendor").selectOption({ label: "Pull Supply" });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("table", { name: "Routing preview" })).toContainText("Pull Supply");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Saved 1 rule(s).")).toBeVisible();
  await page.getByRole("button", { name: "Run Submit to Vendors" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");

  // The first order not yet shipped in SellerCloud shows its request.
  await page.goto("/orders");
  const links = page.getByRole("link", { name: /^#?\d{7}$/ });
  await expect(links.first()).toBeVisible();
  let orderId = 0;
  for (const text of await links.allTextContents()) {
    const id = Number(text.replace("#", ""));
    if ((await readSandboxOrder(page, login, id))?.ShippingStatus !== 3) {
      orderId = id;
      break;
    }
  }
  expect(orderId).toBeGreaterThan(0);
  await page
    .getByRole("link", { name: new RegExp(`^#?${orderId}$`) })
    .first()
    .click();
  const section = page.getByRole("region", { name: /Vendors/ });
  await expect(section).toContainText("Pull Supply");
  await expect(section.getByTestId("request-state").first()).toHaveText("Pending");

  // The vendor fetches its requests and posts its shipment with its own key.
  const listed = await page.request.get("/api/vendor/requests", { headers: { Authorization: `Bearer ${key}` } });
  expect(listed.status()).toBe(200);
  const posted = await page.request.post("/api/shipments", {
    headers: { Authorization: `Bearer ${key}` },
    data: { orderNumber: String(orderId), carrier: "ups", service: "ground", trackingNumbers: [`1ZVEND${Date.now()}`] },
  });
  expect(posted.status()).toBe(201);
  await page.reload();
  await expect(section.getByTestId("request-state").first()).toHaveText("Shipped");

  // Sync Orders sends it; SellerCloud has the order Fully Shipped.
  const orderUrl = page.url();
  await page.getByRole("button", { name: "Run Sync Orders" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");
  await page.goto(orderUrl);
  expect((await readSandboxOrder(page, login, orderId))?.ShippingStatus).toBe(3);
});

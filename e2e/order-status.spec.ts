import { expect, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { expectAccessible, signUp } from "./helpers";

/**
 * One truth per order (issue 14 §1, §2, §6, §8): record a shipment with two tracking numbers, run
 * Sync Orders, and the order page and the Orders list show it Fully Shipped in SellerCloud, with
 * Conduit's own fact (shipment sent) beside it; the list filters by both facts; the shipments CSV
 * upload is linked from Orders and the channel page; a second shipment on the shipped order is
 * warned about. Every page touched is scanned with axe.
 */

/** No serious or critical accessibility violations on the current page. */
const stamp = Date.now();
const TRACKING = [`1ZSTATUS${stamp}A`, `1ZSTATUS${stamp}B`];

test("a shipment with two tracking numbers, synced, shows Fully Shipped in SellerCloud on the order and the list", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page);
  const channelUrl = await createSandboxChannel(page);

  // The channel page links the shipments CSV upload from its Sync Orders row.
  await expect(
    page.getByTestId("operation-sync_orders").getByRole("link", { name: "Upload shipments CSV" }),
  ).toHaveAttribute("href", "/orders/shipments/upload");
  await expectAccessible(page, "channel page");

  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Run Get Orders", exact: true }).click();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);

  // Orders links the upload too; pick an order not shipped in SellerCloud with two units or more.
  await page.goto("/orders?shipped=no");
  await expect(page.getByRole("link", { name: "Upload shipments CSV" })).toHaveAttribute(
    "href",
    "/orders/shipments/upload",
  );
  await expectAccessible(page, "orders list");
  const hrefs = await page
    .getByRole("link", { name: /^#\d+$/ })
    .evaluateAll((links) => links.slice(0, 15).map((a) => a.getAttribute("href") ?? ""));
  let orderUrl = "";
  for (const href of hrefs) {
    await page.goto(href);
    const items = (await page.getByRole("heading", { name: /^Items \(/ }).textContent()) ?? "";
    if (Number(/(\d+) units/.exec(items)?.[1] ?? 0) >= 2) {
      orderUrl = page.url();
      break;
    }
  }
  expect(orderUrl, "an unshipped order with two units or more").not.toBe("");
  const scOrderId = /#(\d+)/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")?.[1] ?? "";
  const status = page.getByTestId("order-status");
  await expect(status.getByTestId("sellercloud-shipping")).toHaveAttribute("data-shipped", "no");
  await expect(status.getByTestId("conduit-state")).toHaveAttribute("data-state", "none");
  await expect(page.getByRole("region", { name: "Totals" })).not.toContainText("Shipped");

  // Record the shipment: two tracking numbers, the whole order.
  const form = page.getByRole("form", { name: "Record shipment" });
  await form.getByLabel("Carrier").fill("ups");
  await form.getByLabel("Service").fill("ground");
  await form.getByRole("textbox", { name: "Tracking number 1" }).fill(TRACKING[0]!);
  await form.getByRole("button", { name: "Add tracking number" }).click();
  await form.getByRole("textbox", { name: "Tracking number 2" }).fill(TRACKING[1]!);
  await form.getByRole("button", { name: "Record shipment" }).click();
  await expect(page.getByText("Shipment recorded.")).toBeVisible();
  // Recorded in Conduit is not shipped in SellerCloud.
  await expect(status.getByTestId("conduit-state")).toHaveAttribute("data-state", "pending");
  await expect(status.getByTestId("sellercloud-shipping")).toHaveAttribute("data-shipped", "no");
  await expectAccessible(page, "order page, shipment pending");

  // Sync Orders from the order page; its calls sentence never contradicts itself.
  await page.getByRole("button", { name: "Run Sync Orders" }).click();
  expect(await waitForRun(page)).toBe("Succeeded");
  await expect(page.getByText(/with \d+ SellerCloud call\(s\)/)).toBeVisible();
  await expect(page.getByText(/fewest possible: \d+\)/)).toHaveCount(0);
  await expectAccessible(page, "Sync Orders run page");

  // The order page: Fully Shipped in SellerCloud (with when), the shipment sent in Conduit.
  await page.goto(orderUrl);
  await expect(page.getByTestId("shipment").first()).toHaveAttribute("data-state", "synced");
  await expect(status.getByTestId("sellercloud-shipping")).toHaveAttribute("data-shipped", "yes");
  await expect(status.getByTestId("sellercloud-shipping")).toContainText(/Fully Shipped \(confirmed .+ UTC\)/);
  await expect(status.getByTestId("conduit-state")).toHaveAttribute("data-state", "synced");
  await expect(page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) })).toContainText(
    "Fully Shipped",
  );
  await expectAccessible(page, "order page, Fully Shipped");

  // A further shipment on it is warned about before and after recording.
  await expect(page.getByText(`SellerCloud already has order #${scOrderId} Fully Shipped`)).toBeVisible();

  // The Orders list shows it Fully Shipped and filters by both facts.
  await page.goto("/orders");
  await page.getByLabel("Shipped in SellerCloud").selectOption({ label: "Fully Shipped" });
  await page.getByLabel("Conduit shipment").selectOption({ label: "Shipment sent to SellerCloud" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/shipped=yes/);
  await expect(page).toHaveURL(/conduit=synced/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `#${scOrderId}`, exact: true }) });
  await expect(row).toContainText("Fully Shipped");
  await expect(row.getByTestId("conduit-state")).toHaveAttribute("data-state", "synced");
  await expectAccessible(page, "orders list, filtered by both facts");
  await page.getByLabel("Shipped in SellerCloud").selectOption({ label: "Not fully shipped" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("link", { name: `#${scOrderId}`, exact: true })).toHaveCount(0);
});

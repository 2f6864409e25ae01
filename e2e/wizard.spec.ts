import { expect, type Page, type Response, test } from "@playwright/test";
import { expectAccessible, signIn, signUp } from "./helpers";

// One user walks the wizard; later tests edit that channel and try it from another workspace.
test.describe.configure({ mode: "serial" });

const API_TOKEN = `e2e-token-${Date.now()}-do-not-leak`;
let owner = "";
let channelUrl = "";

/** No serious or critical accessibility violations on the current page. */
/** Collects every document, fetch and server-action response body, to prove no secret is ever sent back. */
function recordResponses(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on("response", (response: Response) => {
    const type = response.request().resourceType();
    if (type === "document" || type === "fetch" || type === "xhr") {
      bodies.push(response.text().catch(() => ""));
    }
  });
  return bodies;
}

async function saveAndNext(page: Page, next: string) {
  await page.getByRole("button", { name: /^Save( Connection)? & Next$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/setup/${next}$`));
}

/** Full-page screenshots for a visual review, only when WIZARD_SCREENSHOTS names a folder. */
async function snap(page: Page, name: string) {
  const dir = process.env.WIZARD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const priorityItems = (page: Page) => page.getByTestId("priority-item");

test("walks the whole wizard against the sandbox as a new user", async ({ page }) => {
  test.setTimeout(240_000);
  const bodies = recordResponses(page);
  owner = await signUp(page);
  await expectAccessible(page, "empty channel list");

  // The channel list, then step 1 (Basic details) on Create channel.
  await page.getByRole("link", { name: "Create channel" }).click();
  await expect(page).toHaveURL(/\/channels\/new$/);
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page.getByText("Enter a channel name")).toBeVisible();
  await expectAccessible(page, "create channel");
  await page.getByLabel("Channel name").fill("Sandbox store");
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]+\/setup\/integration$/);
  channelUrl = page.url().replace(/\/setup\/integration$/, "");
  await expect(page.getByRole("navigation", { name: "Setup progress" })).toContainText("Done");

  // Step 2: integration type.
  await expectAccessible(page, "integration step");
  await expect(page.getByRole("radio", { name: /SellerCloud/ })).toBeChecked();
  await saveAndNext(page, "connect");

  // Step 3: a wrong password is refused in plain words and saves nothing.
  await expectAccessible(page, "connect step");
  await page.getByRole("button", { name: "Use the sandbox" }).click();
  // Each workspace has its own sandbox tenant and login.
  await expect(page.getByLabel("Username")).toHaveValue(/^sandbox\+[0-9a-f]{16}@conduit\.local$/);
  await page.getByLabel("Password", { exact: true }).fill("not-the-sandbox-password");
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "did not accept that username and password" }).first(),
  ).toBeVisible();
  await page.getByRole("button", { name: "Save Connection & Next" }).click();
  await expect(page.getByText(/Nothing was saved/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/setup\/connect$/);
  await page.reload();
  await expect(page.getByLabel("Connection name")).toHaveValue("");
  await expect(page.getByText("Stored encrypted; never shown again.")).toBeVisible();
  await page.goto(`${channelUrl}/setup/schedules`);
  await expect(page).toHaveURL(/\/setup\/connect$/); // a deep link cannot skip the connection

  // The right password (plus a token the sandbox does not know: the client falls back to logging in).
  await page.getByRole("button", { name: "Use the sandbox" }).click();
  await page.getByLabel("API token (optional)").fill(API_TOKEN);
  await page.getByRole("button", { name: "Test Connection" }).click();
  await expect(
    page.getByText(/Connected to .* as sandbox\+[0-9a-f]{16}@conduit\.local\. 2 companies visible/),
  ).toBeVisible();
  await snap(page, "connect");
  await saveAndNext(page, "operations");

  // A refresh in the middle resumes where the user was, and so does "Continue setup".
  await page.reload();
  await expect(page).toHaveURL(/\/setup\/operations$/);
  await page.goto("/channels");
  await expect(page.getByTestId("channel-row")).toContainText("Draft");
  await page.getByRole("link", { name: /Continue setup/ }).click();
  await expect(page).toHaveURL(/\/setup\/operations$/);

  // Step 4: processes.
  await expectAccessible(page, "operations step");
  for (const name of ["Link Listings", "Get Orders", "Sync Orders"])
    await expect(page.getByRole("checkbox", { name: new RegExp(name) })).toBeChecked();
  await saveAndNext(page, "listings");

  // Step 5 (optional): saved with its default, "All listings" (its hidden list field once blocked Save).
  await expectAccessible(page, "listings step");
  await expect(page.locator("body")).toContainText("Step 5 of 11 · ");
  await expect(page.getByRole("radio", { name: /All listings/ })).toBeChecked();
  await saveAndNext(page, "pricing");
  await expect(
    page.getByRole("navigation", { name: "Setup progress" }).getByRole("link", { name: /Listing management/ }),
  ).toContainText("Done");

  // Step 6 (optional): rules with a live preview on sample values (the new user has no catalog).
  await expectAccessible(page, "pricing step");
  await expect(page.getByText("Not sent to SellerCloud yet")).toBeVisible();
  await expect(page.getByText(/uses sample values/)).toBeVisible();
  await page.getByLabel("Price based on").selectOption("cost_markup_percent");
  await page.getByLabel("Percent (%)").fill("50");
  await expect(page.getByRole("row", { name: /SAMPLE-MUG/ })).toContainText("$4.65");
  await expect(page.getByRole("row", { name: /SAMPLE-TEE-M/ })).toContainText("raised to MAP");
  await snap(page, "pricing");
  await saveAndNext(page, "linking");

  // Step 7: company from SellerCloud, custom priority reordered with the keyboard, a pair added and one removed.
  await expectAccessible(page, "linking step");
  const company = page.getByLabel("SellerCloud company");
  await expect(company).toBeEnabled();
  await company.selectOption({ label: "Conduit Demo Co (ID 1) – default" });
  await page.getByRole("radio", { name: "Customize" }).check();
  await expect(priorityItems(page)).toHaveCount(4);
  const upcHandle = page.getByRole("button", { name: "Drag to reorder: Listing UPC ↔ SellerCloud UPC" });
  await upcHandle.focus();
  await page.keyboard.press("Space");
  await page.waitForTimeout(150);
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(300);
  await page.keyboard.press("Space");
  await expect(priorityItems(page).first()).toContainText("Listing UPC ↔ SellerCloud UPC");
  await page.getByRole("button", { name: "Add pair" }).click(); // GTIN ↔ GTIN is preselected
  await page.getByRole("button", { name: "Remove: Listing EAN ↔ SellerCloud EAN" }).click();
  await expect(priorityItems(page)).toHaveText([
    /UPC ↔ SellerCloud UPC/,
    /SKU ↔ SellerCloud ID/,
    /MPN ↔ SellerCloud ManufacturerSKU/,
    /GTIN ↔ SellerCloud GTIN/,
  ]);
  await snap(page, "linking");
  await expectAccessible(page, "linking step, customized");
  await saveAndNext(page, "shipping");

  // Step 8: shipping mapping from SellerCloud's own carrier and service lists.
  await expectAccessible(page, "shipping step");
  await page.getByRole("button", { name: "Add a mapping" }).click();
  await page.getByLabel("Conduit carrier").fill("ups");
  await page.getByLabel("SellerCloud carrier").selectOption("UPS");
  const service = page.getByLabel("SellerCloud service");
  await expect(service).toBeEnabled();
  await service.selectOption("UPS Ground");
  await snap(page, "shipping");
  await expectAccessible(page, "shipping step, one mapping");
  await saveAndNext(page, "orders");

  // Step 9: order settings (company carried over from the link settings).
  await expectAccessible(page, "orders step");
  await expect(page.getByLabel("Order status")).toHaveValue("2");
  await expect(page.getByLabel("SellerCloud company")).toHaveValue("1");
  await page.getByLabel("Age of orders (days)").fill("14");
  await page.getByRole("radio", { name: "Clear 60 days after shipment" }).check();
  await saveAndNext(page, "schedules");

  // Step 10: schedules, a cron expression shown in words.
  await expectAccessible(page, "schedules step");
  const link = page.getByTestId("schedule-link_listings");
  await link.getByRole("radio", { name: "Cron expression" }).check();
  await link.getByLabel("Cron expression (UTC)").fill("0 3 * * 1");
  await expect(link.getByText(/At 03:00, only on Monday \(UTC\)/)).toBeVisible();
  const orders = page.getByTestId("schedule-get_orders");
  await orders.getByRole("radio", { name: "Every hour" }).check();
  await orders.getByLabel("Minutes past the hour").fill("15");
  await snap(page, "schedules");
  await saveAndNext(page, "review");

  // Step 11: Review, then Activate.
  await expectAccessible(page, "review step");
  await expect(page.getByTestId("summary-priority").getByRole("listitem").first()).toHaveText(
    "Listing UPC ↔ SellerCloud UPC",
  );
  await expect(page.getByText("ups → UPS / UPS Ground")).toBeVisible();
  await expect(page.getByText(/Every hour at 15 minutes past \(UTC\)/)).toBeVisible();
  await snap(page, "review");
  await page.getByRole("button", { name: "Activate channel" }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]+\?activated=1$/);
  await expect(page.getByText("The channel is active")).toBeVisible();
  await expectAccessible(page, "channel overview");

  await page.goto("/channels");
  const row = page.getByTestId("channel-row");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Get Orders");
  await expect(row).toContainText("Last run: never");
  await expectAccessible(page, "channel list");
  await snap(page, "list");

  // No page or action response ever carried the saved API token.
  const all = await Promise.all(bodies);
  expect(all.length).toBeGreaterThan(20);
  expect(all.filter((b) => b.includes(API_TOKEN))).toEqual([]);
});

test("edits a saved channel with the same forms", async ({ page }) => {
  const bodies = recordResponses(page);
  await signIn(page, owner);
  await expect(page).toHaveURL(/\/channels$/);
  await page.goto(channelUrl);
  await page.getByRole("link", { name: "Edit Link settings" }).click();
  await expect(page).toHaveURL(/\/settings\/linking$/);
  await expectAccessible(page, "link settings (editing)");
  // The saved choices are shown again.
  await expect(page.getByRole("radio", { name: "Customize" })).toBeChecked();
  await expect(page.getByLabel("SellerCloud company")).toHaveValue("1");
  await expect(priorityItems(page).first()).toContainText("Listing UPC ↔ SellerCloud UPC");
  await page.getByRole("button", { name: "Move down: Listing UPC ↔ SellerCloud UPC" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved “Link settings”")).toBeVisible();
  await expect(page.getByTestId("summary-priority").getByRole("listitem").first()).toHaveText(
    "Listing SKU ↔ SellerCloud ID (SKU)",
  );

  // Shipping mappings come back with SellerCloud's lists loaded and the saved choices selected.
  await page.getByRole("link", { name: "Edit Shipping mappings" }).click();
  await expect(page.getByLabel("Conduit carrier")).toHaveValue("ups");
  await expect(page.getByLabel("SellerCloud carrier")).toHaveValue("UPS");
  await expect(page.getByLabel("SellerCloud service")).toHaveValue("UPS Ground");
  await page.getByRole("link", { name: /Back to/ }).click();

  // The connection shows "saved" placeholders, never the secrets.
  await page.getByRole("link", { name: "Edit Connect" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("placeholder", /saved/);
  await expect(page.getByLabel("API token (optional)")).toHaveValue("");
  await page.getByLabel("Connection name").fill("Renamed sandbox");
  await page.getByRole("button", { name: "Save Connection" }).click();
  await expect(page.getByText("Saved “Connect”")).toBeVisible();
  await expect(page.getByText("Connection: Renamed sandbox")).toBeVisible();

  await page.getByRole("link", { name: "Edit Basic details" }).click();
  await page.getByLabel("Channel name").fill("Sandbox store (edited)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Sandbox store (edited)" })).toBeVisible();

  const all = await Promise.all(bodies);
  expect(all.filter((b) => b.includes(API_TOKEN))).toEqual([]);
});

test("answers 404 to another workspace's user for this channel's pages and actions", async ({ page }) => {
  await signUp(page);
  for (const path of ["", "/setup/connect", "/settings/linking", "/settings/connect"]) {
    const response = await page.goto(`${channelUrl}${path}`);
    expect(response?.status(), `${channelUrl}${path}`).toBe(404);
  }
  await page.goto("/channels");
  await expect(page.getByText("No channels yet")).toBeVisible();

  // Call the wizard's save action with the other workspace's channel id.
  const targetId = channelUrl.split("/").pop() ?? "";
  await page.goto("/channels/new");
  await page.getByLabel("Channel name").fill("Intruder");
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page).toHaveURL(/\/setup\/integration$/);
  const ownId = page.url().split("/").at(-3) ?? "";
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      await route.continue({ postData: (request.postData() ?? "").replaceAll(ownId, targetId) });
      return;
    }
    await route.continue();
  });
  await page.getByRole("button", { name: "Save & Next" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That channel was not found." })).toBeVisible();
  await expect(page).toHaveURL(/\/setup\/integration$/);
});

import { expect, type Page, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { expectAccessible, PASSWORD, signIn, signUp } from "./helpers";

/**
 * The rough edges a merchant met in a day (issue 14 §5, §9, §10, §11, §13, §14, §16), checked
 * where only a browser shows them: Back after Activate, a bad step address, sign-in coming back to
 * the page asked for, the app icon, the mapping-set editor, range messages, the template editor,
 * dry-run wording, a Get Orders run's links and a paused channel. Each page is scanned with axe.
 * One user and one sandbox channel for the whole file (the tests run in order).
 */
test.describe.configure({ mode: "serial" });

let email = "";
let channelUrl = "";

/** No serious or critical accessibility violations on the current page. */
async function signedIn(page: Page) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/channels$/);
}

test("after Activate, Back never shows the Review page as a draft (§11)", async ({ page }) => {
  test.setTimeout(240_000);
  email = await signUp(page);
  channelUrl = await createSandboxChannel(page, "Rough edges");
  await page.goBack();
  // The step before Review, or the channel page: never a setup page with a Draft badge and Activate.
  await expect(page).not.toHaveURL(/\/setup\//);
  await expect(page.getByRole("button", { name: "Activate channel" })).toHaveCount(0);
  await page.goto(`${channelUrl}/setup/review`);
  await expect(page).toHaveURL(new RegExp(`${channelUrl}$`));
  await expectAccessible(page, "channel page");
});

test("a step address that leads nowhere says so, with links back (§14)", async ({ page }) => {
  await signedIn(page);
  await page.goto(`${channelUrl}/setup/nope`);
  await expect(page.getByRole("heading", { name: "There is no step called “nope”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the channel" })).toHaveAttribute(
    "href",
    new URL(channelUrl).pathname,
  );
  await expectAccessible(page, "bad setup step");
  await page.goto(`${channelUrl}/settings/nope`);
  await expect(page.getByRole("link", { name: "Order settings" })).toBeVisible();
});

test("sign-in comes back to the page asked for, and pages ship an icon (§14)", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/runs?status=failed");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fruns%3Fstatus%3Dfailed$/);
  await expectAccessible(page, "sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/runs\?status=failed$/);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);
  expect(missing).toEqual([]);
  // Another site is never where sign-in goes.
  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await expect(page).toHaveURL(/\/channels$/);
  await context.close();
});

test("mapping sets: a stale error clears, repeated keys are refused, Load from CSV asks (§5)", async ({ page }) => {
  await signedIn(page);
  await page.goto("/settings/mapping-sets/new");
  await page.getByRole("button", { name: "Create mapping set" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();
  await page.getByLabel("Name").fill("Countries");
  await expect(page.getByText("Enter a name")).toHaveCount(0);

  await page.getByRole("button", { name: "Add row" }).click();
  await page.getByLabel("From, row 1").fill("us");
  await page.getByLabel("To, row 1").fill("DUP");
  await page.getByRole("button", { name: "Add row" }).click();
  await page.getByLabel("From, row 2").fill("US");
  await page.getByLabel("To, row 2").fill("USA");
  await expect(page.getByText(/^Row 2 repeats the SellerCloud value of row 1/)).toBeVisible();
  await expect(page.getByLabel("From, row 2")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "mapping set with a repeated key");
  await page.getByRole("button", { name: "Create mapping set" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /^Row 2 repeats/ })
      .first(),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/mapping-sets\/new$/);

  await page.getByLabel("From, row 2").fill("CA");
  await page.getByLabel("Load from CSV").setInputFiles({
    name: "countries.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("from,to\nmx,MEX\nde,DEU\n"),
  });
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText("countries.csv has 2 rows. Replace the 2 rows here with them, or add them after?");
  await expectAccessible(page, "Load from CSV question");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("From, row 2")).toHaveValue("CA");
  await page.getByLabel("Load from CSV").setInputFiles({
    name: "countries.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("from,to\nmx,MEX\nde,DEU\n"),
  });
  await page.getByRole("button", { name: "Add after them" }).click();
  await expect(page.getByLabel("From, row 4")).toHaveValue("de");
  await page.getByRole("button", { name: "Create mapping set" }).click();
  await expect(page).toHaveURL(/\/settings\/mapping-sets\/[0-9a-f-]{36}\?created=1$/);
});

test("wizard number fields say the range allowed (§9)", async ({ page }) => {
  await signedIn(page);
  await page.goto(`${channelUrl}/settings/pricing`);
  await page.getByLabel("Percent of stock (%)").fill("-5");
  await page.getByLabel("Minimum price ($, optional)").fill("-5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a percentage from 0 to 100")).toBeVisible();
  await expect(page.getByText("Enter an amount of 0 or more, like 12.99, or leave it empty")).toBeVisible();
  await expectAccessible(page, "pricing settings with errors");

  await page.goto(`${channelUrl}/settings/schedules`);
  const getOrders = page.getByTestId("schedule-get_orders");
  await getOrders.getByLabel("Every hour").check();
  await getOrders.getByLabel("Minutes past the hour").fill("75");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(getOrders.getByText("Enter a minute from 0 to 59")).toBeVisible();
});

test("template editor: three decimals refused, a row's field kept across modes (§10)", async ({ page }) => {
  await signedIn(page);
  await page.goto(`${channelUrl}/mapping`);
  await page.getByRole("button", { name: "Create from the recommended template" }).click();
  await expect(page).toHaveURL(/\/mapping\/[0-9a-f-]{36}$/);
  const tax = page.getByTestId("row-order.taxTotal");
  const mode = tax.getByLabel("Mode for Order › Tax total");
  await mode.selectOption("field");
  await tax.getByRole("button", { name: /^SellerCloud field for Order › Tax total/ }).click();
  const search = page.getByRole("combobox", { name: "Search SellerCloud fields" });
  await search.fill("tax total");
  await search.press("Enter");
  const picked = tax.getByRole("button", { name: /^SellerCloud field for Order › Tax total: (?!not chosen)/ });
  const pickedName = await picked.getAttribute("aria-label");
  await mode.selectOption("value");
  await tax.getByLabel("Value for Order › Tax total").fill("12.345");
  // Refused on save, with the row's message (never saved as 12.35).
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(tax.getByRole("alert")).toContainText('"12.345" has more than two decimals');
  await expectAccessible(page, "template editor with a three-decimal value");
  await mode.selectOption("field");
  await expect(tax.getByRole("button", { name: pickedName! })).toBeVisible();
  await mode.selectOption("value");
  await expect(tax.getByLabel("Value for Order › Tax total")).toHaveValue("12.345");
});

test("runs: dry runs say 'would', Get Orders links its orders, a paused channel asks (§13, §16)", async ({ page }) => {
  test.setTimeout(240_000);
  await signedIn(page);
  await page.goto(channelUrl);
  await page.getByTestId("operation-link_listings").getByRole("button", { name: "Dry run" }).click();
  await waitForRun(page);
  await expect(page.getByText("Would create", { exact: true })).toBeVisible();
  await expect(page.getByText("Created", { exact: true })).toHaveCount(0);
  await expectAccessible(page, "dry run page");
  await page.goto(channelUrl);
  await expect(page.getByTestId("operation-link_listings")).toContainText("Not run yet.");

  await page.getByRole("button", { name: "Run Get Orders now" }).click();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);
  await expect(page.getByRole("link", { name: /^Rough edges – recommended, version 1$/ })).toBeVisible();
  await expectAccessible(page, "Get Orders run page");
  await page.getByRole("link", { name: "See the orders this run imported or updated" }).click();
  await expect(page.getByTestId("orders-of-run")).toBeVisible();
  await expect(page.getByRole("link", { name: /^#\d+/ }).first()).toBeVisible();
  await expectAccessible(page, "orders of a run");

  await page.goto("/runs");
  await expectAccessible(page, "runs page");
  // Within each chart, no x-axis label repeats another.
  for (const chart of await page.locator("figure").all()) {
    const labels = (
      await chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick-value").allTextContents()
    ).filter(Boolean);
    expect(new Set(labels).size).toBe(labels.length);
  }

  await page.goto(channelUrl);
  await page.getByRole("button", { name: "Pause channel" }).click();
  await expect(page.getByText("This channel is paused")).toBeVisible();
  await page.getByRole("button", { name: "Run Get Orders now" }).click();
  const ask = page.getByRole("alertdialog", { name: "Run on a paused channel" });
  await expect(ask).toContainText("Rough edges is paused: its schedules do not run until you resume it.");
  await expectAccessible(page, "paused channel asking before a run");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`${channelUrl}$`));
});

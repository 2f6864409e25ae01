import { expect, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { signUp } from "./helpers";

test("Run now shows a live run, then its history and detail; another workspace cannot see it", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const channelUrl = await createSandboxChannel(page, "Runs journey store");
  await page.goto(channelUrl);

  const getOrders = page.getByTestId("operation-get_orders");
  await expect(getOrders.getByText("Not run yet.")).toBeVisible();
  await getOrders.getByRole("button", { name: "Run Get Orders now" }).click();

  // The live run page: status, a progress bar or counts while it works, then the final status.
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { name: "Get Orders on Runs journey store" })).toBeVisible();
  expect(await waitForRun(page)).toMatch(/Succeeded|Partially failed/);
  const runUrl = page.url();
  await expect(page.getByTestId("count-createdCount")).not.toHaveText("0");
  expect(Number(await page.getByTestId("run-calls").textContent())).toBeGreaterThan(0);

  // A second click while nothing runs starts a new run; the history lists both, newest first.
  await page.goto(channelUrl);
  await expect(getOrders.getByText(/Last run/)).toBeVisible();
  await getOrders.getByRole("button", { name: "Run Get Orders now" }).click();
  await waitForRun(page);
  await page.goto("/runs");
  const rows = page.getByRole("table", { name: /Runs, newest first/ }).getByRole("row");
  await expect(rows).toHaveCount(3); // header + two runs
  await expect(page.getByRole("figure").filter({ hasText: "Get Orders" })).toContainText("2 runs");

  // Filters narrow the history.
  await page.getByLabel("Operation").selectOption("link_listings");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No runs match these filters.")).toBeVisible();

  // The second run re-imported nothing new: the first run's detail still opens from history.
  await page.goto(runUrl);
  await expect(page.getByRole("heading", { name: "Run details" })).toBeVisible();

  // Another workspace gets a 404 for the run page and its JSON.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  const response = await otherPage.goto(runUrl);
  expect(response?.status()).toBe(404);
  const runId = runUrl.split("/").pop();
  const api = await otherPage.request.get(`/api/runs/${runId}`);
  expect(api.status()).toBe(404);
  await otherPage.goto("/runs");
  await expect(otherPage.getByText("No runs yet")).toBeVisible();
  await other.close();
});

import { expect, test } from "@playwright/test";
import { createSandboxChannel, waitForRun } from "./channel-fixture";
import { expectAccessible, PASSWORD, signUp, uniqueEmail } from "./helpers";

/**
 * A team (issue 17): the owner invites an operator from Settings → Members; the operator accepts
 * in a second browser (signing up through the link, straight into the owner's workspace), runs
 * Get Orders, and can open neither the connection's credentials nor Members (404), and is not
 * offered what their role cannot do; a shipment they record with an unmapped carrier makes Sync
 * Orders fail. Someone with their own account accepts a viewer invite and switches workspaces. The
 * owner then sees the new members, no pending invite, the invite and both runs in the audit log,
 * and in the outbox (no SMTP server here) the invite mail and the failed-run alert.
 */

test("an owner invites an operator, who joins, runs Get Orders and cannot reach credentials or members", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signUp(page);
  const channelUrl = await createSandboxChannel(page, "Team store");
  // What the owner is offered on the channel page, and the operator will not be.
  await expect(page.getByRole("link", { name: "Edit Connect" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete this channel…" })).toBeVisible();

  // Settings → Members: the owner alone, no pending invites; invite an operator.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByText("No pending invites.")).toBeVisible();
  await expectAccessible(page, "members page");
  const operatorEmail = uniqueEmail("operator");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(operatorEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("operator");
  await page.getByRole("button", { name: "Send invite" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toBeVisible();
  const inviteUrl = (await link.textContent()) ?? "";
  expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const pending = page.getByRole("table", { name: "Pending invites" });
  await expect(pending.getByRole("row", { name: new RegExp(operatorEmail) })).toContainText("Operator");

  // The operator, in a second browser: the link offers an account with the invited email.
  const other = await browser.newContext();
  const op = await other.newPage();
  await op.goto(inviteUrl);
  await expect(op.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expect(op.getByText(/to join as Operator/)).toBeVisible();
  await expect(op.getByRole("textbox", { name: "Email", exact: true })).toHaveValue(operatorEmail);
  await expectAccessible(op, "invite page");
  await op.getByLabel("Password").fill(PASSWORD);
  await op.getByRole("button", { name: "Create account and join" }).click();
  await expect(op).toHaveURL(/\/channels$/);
  await expect(op.getByTestId("signed-in-as")).toHaveText(operatorEmail);
  await expect(op.getByTestId("current-workspace")).toContainText("(Operator)");
  // The owner's channel is there; an operator may not create channels.
  await expect(op.getByRole("link", { name: "Team store", exact: true })).toBeVisible();
  await expect(op.getByRole("link", { name: "Create channel" })).toHaveCount(0);

  // The link worked once.
  const third = await browser.newContext();
  const again = await third.newPage();
  await again.goto(inviteUrl);
  await expect(again.getByText(/This invite was already used/)).toBeVisible();
  await third.close();

  // The operator runs Get Orders; the channel page offers no Delete, no Pause, no Edit of the connection.
  await op.goto(channelUrl);
  const getOrders = op.getByTestId("operation-get_orders");
  await expect(getOrders.getByRole("button", { name: "Run Get Orders now" })).toBeVisible();
  await expect(op.getByRole("button", { name: "Delete this channel…" })).toHaveCount(0);
  await expect(op.getByRole("link", { name: "Edit Connect" })).toHaveCount(0);
  await getOrders.getByRole("button", { name: "Run Get Orders now" }).click();
  expect(await waitForRun(op)).toMatch(/Succeeded|Partially failed/);

  // The operator records a shipment with a carrier the channel has no mapping for, and runs Sync
  // Orders: the shipment fails, so the run fails (the owner is alerted).
  await op.goto("/orders");
  await op
    .getByRole("link", { name: /^#?\d{7}$/ })
    .first()
    .click();
  await expect(op).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const form = op.getByRole("form", { name: "Record shipment" });
  await form.getByLabel("Carrier").fill("Pigeon Post");
  await form.getByRole("textbox", { name: "Tracking number 1" }).fill(`PIGEON-${Date.now()}`);
  await form.getByRole("button", { name: "Record shipment" }).click();
  await expect(op.getByTestId("shipment").first()).toHaveAttribute("data-state", "pending");
  await op.getByRole("button", { name: "Run Sync Orders" }).click();
  expect(await waitForRun(op)).toMatch(/Failed|Partially failed/);

  // Credentials and Members are not there for an operator (404), nor in Settings.
  for (const path of [`${channelUrl}/settings/connect`, "/settings/members", "/settings/api-keys", "/settings/audit"]) {
    const response = await op.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await op.goto("/settings");
  await expect(op.getByText(/your role here: Operator\./)).toBeVisible();
  await expect(op.getByRole("link", { name: "Members" })).toHaveCount(0);
  await other.close();

  // Someone with an account of their own accepts a viewer invite while signed in, then switches
  // between the two workspaces from the header.
  const mine = await browser.newContext();
  const viewer = await mine.newPage();
  const viewerEmail = await signUp(viewer, uniqueEmail("viewer"));
  const ownName = `${viewerEmail.split("@")[0]}'s workspace`;
  await page.goto("/settings/members");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(viewerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Send invite" }).click();
  const viewerInvite = (await page.getByTestId("invite-link").textContent()) ?? "";
  await viewer.goto(viewerInvite);
  await viewer.getByRole("button", { name: /^Accept and join / }).click();
  await expect(viewer).toHaveURL(/\/channels$/);
  const switcher = viewer.getByLabel("Workspace", { exact: true });
  await expect(switcher.locator("option:checked")).toHaveText(/\(Viewer\)$/);
  await expect(viewer.getByRole("link", { name: "Team store", exact: true })).toBeVisible();
  await viewer.goto(channelUrl);
  await expect(viewer.getByTestId("operation-get_orders")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Run Get Orders now" })).toHaveCount(0);
  await viewer.goto("/channels");
  await switcher.selectOption({ label: `${ownName} (Owner)` });
  await expect(switcher.locator("option:checked")).toHaveText(`${ownName} (Owner)`);
  await expect(viewer.getByText("No channels yet")).toBeVisible();
  await mine.close();

  // The owner sees the operator as a member and the invite gone from the pending list.
  await page.goto("/settings/members");
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row", { name: new RegExp(operatorEmail) })).toBeVisible();
  await expect(page.getByText("No pending invites.")).toBeVisible();

  // The audit log: the owner's invite, the operator joining, and the runs the operator started.
  await page.goto("/settings/audit");
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row").filter({ hasText: `Invited ${operatorEmail} as operator` })).toBeVisible();
  await expect(
    log.getByRole("row").filter({ hasText: `${operatorEmail} signed up through an invite as operator` }),
  ).toBeVisible();
  const operatorRuns = log.getByRole("row").filter({ hasText: operatorEmail });
  await expect(operatorRuns.filter({ hasText: 'Started Get Orders on "Team store"' })).toBeVisible();
  await expect(operatorRuns.filter({ hasText: 'Started Sync Orders on "Team store"' })).toBeVisible();

  // No SMTP server here: the invite and the failed-run alert wait in the owner's outbox.
  await page.goto("/settings/outbox");
  await expect(page.getByText(/Join .* on Conduit/).first()).toBeVisible();
  await expect(
    page.getByText(/Sync Orders (failed|finished with \d+ failed items?) on channel "Team store"/).first(),
  ).toBeVisible();
});

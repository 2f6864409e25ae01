import { expect, test } from "@playwright/test";
import { expectAccessible, signOut, signUp, uniqueEmail } from "./helpers";

/**
 * Mail-backed account pages (issue 17) on a server without SMTP (the embedded default): the
 * verify-email banner and "Send the link again", "Forgot password?" answering the same for a known
 * and an unknown address, dead reset and verification links, Settings → Alerts saving a member's
 * own choices, and Settings → Outbox for the owner. The mails' links themselves are exercised by
 * the database tests through a real SMTP server (lib/accounts/password-reset.test.ts).
 */

test("a new account is asked to confirm its email and can have the link sent again", async ({ page }) => {
  const email = await signUp(page);
  const banner = page.getByRole("complementary", { name: "Email verification" });
  await expect(banner).toContainText(`Please confirm your email, ${email}`);
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(banner.getByRole("status")).toHaveText("Sent. Check your inbox.");
  await expectAccessible(page, "channels with the verification banner");
});

test("Forgot password? answers the same for a known and an unknown address", async ({ page }) => {
  const email = await signUp(page);
  await signOut(page);
  const answer = "If an account uses that address, we have sent it a link to choose a new password.";
  for (const address of [email, uniqueEmail("nobody")]) {
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Send the reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: answer })).toBeVisible();
  }
  await expectAccessible(page, "forgot password");
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("not an address");
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
});

test("a dead reset link or verification link says so", async ({ page }) => {
  await page.goto(`/reset-password?token=${"x".repeat(43)}`);
  await expect(page.getByText("This link no longer works")).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.goto(`/verify-email?token=${"y".repeat(43)}`);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  await expectAccessible(page, "verify email");
});

test("a member saves their own alert choices; the owner reads the outbox", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  const runFailed = page.getByLabel("A run failed");
  await expect(runFailed).toHaveValue("immediate");
  await expect(page.getByLabel("Unmapped carrier or service")).toHaveValue("digest");
  await runFailed.selectOption("off");
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("A run failed")).toHaveValue("off");
  await expectAccessible(page, "alert settings");

  await page.goto("/settings");
  await page.getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", exact: true })).toBeVisible();
  // The verification mail is an account mail: never in a workspace's outbox.
  await expect(page.getByText("No mails")).toBeVisible();
  await expectAccessible(page, "outbox");
});

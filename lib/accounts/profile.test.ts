import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { changePassword, findOrCreateOAuthUser, signUp, verifyCredentials } from "./accounts";
import { getAccountProfile, signOutEverywhere, updateProfile } from "./profile";
import { isSessionActive, startSession } from "./sessions";

const PASSWORD = "correct horse battery";
const HOUR = 3_600_000;

describeEachDb("account profile", (ctx) => {
  it("changes the name without a password and the email only with the current one", async () => {
    const user = await signUp(ctx.db, { email: "pat@example.com", password: PASSWORD, name: "Pat" });
    await updateProfile(ctx.db, user.id, { name: "  Pat Lee ", email: "pat@example.com" });
    expect(await getAccountProfile(ctx.db, user.id)).toEqual({
      name: "Pat Lee",
      email: "pat@example.com",
      hasPassword: true,
    });
    await expect(updateProfile(ctx.db, user.id, { name: "Pat", email: "lee@example.com" })).rejects.toMatchObject({
      fieldErrors: { currentPassword: "Enter your current password to change your email" },
    });
    await expect(
      updateProfile(ctx.db, user.id, { name: "Pat", email: "lee@example.com", currentPassword: "wrong password" }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: "Not your current password" } });
    const saved = await updateProfile(ctx.db, user.id, {
      name: "",
      email: " Lee@Example.com ",
      currentPassword: PASSWORD,
    });
    expect(saved).toMatchObject({ name: null, email: "lee@example.com", emailChanged: true });
    expect(await verifyCredentials(ctx.db, "lee@example.com", PASSWORD)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(ctx.db, "pat@example.com", PASSWORD)).toBeNull();
  });

  it("refuses an email another account has, naming the field", async () => {
    const a = await signUp(ctx.db, { email: "a1@example.com", password: PASSWORD });
    await signUp(ctx.db, { email: "b1@example.com", password: PASSWORD });
    await expect(
      updateProfile(ctx.db, a.id, { name: "", email: "B1@example.com", currentPassword: PASSWORD }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { email: "Another account already uses this email" } });
  });

  it("does not change an OAuth-only account's email", async () => {
    const user = await findOrCreateOAuthUser(ctx.db, "octo@example.com", "Octo");
    await expect(
      updateProfile(ctx.db, user.id, { name: "Octo", email: "cat@example.com", currentPassword: "anything" }),
    ).rejects.toMatchObject({ fieldErrors: { email: "Change this email at GitHub or Google" } });
    expect((await getAccountProfile(ctx.db, user.id)).hasPassword).toBe(false);
  });

  it("signs out everywhere: every session of the user ends, another user's stays", async () => {
    const user = await signUp(ctx.db, { email: "many@example.com", password: PASSWORD });
    const other = await signUp(ctx.db, { email: "other@example.com", password: PASSWORD });
    const sessions = [
      await startSession(ctx.db, user.id, { maxAgeMs: HOUR }),
      await startSession(ctx.db, user.id, { maxAgeMs: HOUR }),
    ];
    const kept = await startSession(ctx.db, other.id, { maxAgeMs: HOUR });
    expect(await signOutEverywhere(ctx.db, user.id)).toBe(2);
    for (const id of sessions) expect(await isSessionActive(ctx.db, id, user.id)).toBe(false);
    expect(await isSessionActive(ctx.db, kept, other.id)).toBe(true);
  });

  it("changes the password with the current one and ends the other sessions (the lib function the page reuses)", async () => {
    const user = await signUp(ctx.db, { email: "pw@example.com", password: PASSWORD });
    const mine = await startSession(ctx.db, user.id, { maxAgeMs: HOUR });
    const elsewhere = await startSession(ctx.db, user.id, { maxAgeMs: HOUR });
    await changePassword(ctx.db, user.id, { currentPassword: PASSWORD, newPassword: "a brand new secret" }, mine);
    expect(await isSessionActive(ctx.db, mine, user.id)).toBe(true);
    expect(await isSessionActive(ctx.db, elsewhere, user.id)).toBe(false);
  });
});

import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { signUp, verifyCredentials } from "./accounts";
import { clearFailedSignIns, minutesUntilAllowed, recordFailedSignIn, THROTTLE_LIMIT, throttleKeys } from "./throttle";

describeEachDb("accounts", (ctx) => {
  it("creates a user with its own workspace and verifies the password", async () => {
    const a = await signUp(ctx.db, { email: "ada@example.com", password: "correct horse battery" });
    const b = await signUp(ctx.db, { email: "bob@example.com", password: "correct horse battery" });
    expect(a.workspaceId).not.toBe(b.workspaceId);
    expect(await verifyCredentials(ctx.db, "ada@example.com", "correct horse battery")).toMatchObject({ id: a.id });
  });

  it("returns the same null for an unknown email and a wrong password", async () => {
    expect(await verifyCredentials(ctx.db, "ada@example.com", "wrong password!")).toBeNull();
    expect(await verifyCredentials(ctx.db, "nobody@example.com", "wrong password!")).toBeNull();
  });

  it("refuses a second account with the same email", async () => {
    await expect(signUp(ctx.db, { email: "ada@example.com", password: "another password" })).rejects.toThrow(/already exists/);
  });

  it("throttles after ten failures in fifteen minutes and forgets after the window", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const keys = throttleKeys("eve@example.com", "10.0.0.9");
    for (let i = 0; i < THROTTLE_LIMIT - 1; i++) await recordFailedSignIn(ctx.db, keys, now);
    expect(await minutesUntilAllowed(ctx.db, keys, now)).toBe(0);
    await recordFailedSignIn(ctx.db, keys, now);
    expect(await minutesUntilAllowed(ctx.db, keys, now)).toBe(15);
    // The IP alone is throttled for another email too.
    expect(await minutesUntilAllowed(ctx.db, throttleKeys("other@example.com", "10.0.0.9"), now)).toBe(15);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await minutesUntilAllowed(ctx.db, keys, later)).toBe(0);
    await recordFailedSignIn(ctx.db, keys, later);
    expect(await minutesUntilAllowed(ctx.db, keys, later)).toBe(0);
    await clearFailedSignIns(ctx.db, "eve@example.com");
  });
});

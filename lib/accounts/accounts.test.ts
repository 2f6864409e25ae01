import { expect, it } from "vitest";
import { signInThrottle } from "@/db/schema/accounts";
import { describeEachDb } from "@/db/testing/describe-db";
import type { Logger } from "@/lib/log";
import { changePassword, signUp, verifyCredentials } from "./accounts";
import { isSessionActive, startSession } from "./sessions";
import { checkSignIn } from "./sign-in";
import { ACCOUNT_LIMIT, IP_LIMIT, readThrottle, reserveSignInAttempt, throttleKeys } from "./throttle";

function recordingLog(): Logger & {
  lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

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
    await expect(signUp(ctx.db, { email: "ada@example.com", password: "another password" })).rejects.toThrow(
      /already exists/,
    );
  });

  it("throttles an account after ten attempts in fifteen minutes, says when, and forgets after the window", async () => {
    await ctx.db.delete(signInThrottle);
    const now = new Date("2026-01-01T10:00:00Z");
    const log = recordingLog();
    const attempt = (password: string, at = now, ip = "10.0.0.9") =>
      checkSignIn(ctx.db, { email: "ada@example.com", password, ip }, { now: at, log });
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect(await attempt(`wrong ${i}`)).toEqual({ ok: false, reason: "wrong" });
    // Even the right password waits now, from any address.
    expect(await attempt("correct horse battery", now, "10.9.9.9")).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterMinutes: 15,
    });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await attempt("correct horse battery", later)).toMatchObject({ ok: true });
    // A right password starts the account's count over.
    expect(await readThrottle(ctx.db, throttleKeys("ada@example.com", undefined))).toEqual({});
    // Failures are logged at info with the throttle state, never at error, never with the password.
    const failed = log.lines.filter((l) => l.message.startsWith("sign-in failed"));
    expect(failed).toHaveLength(ACCOUNT_LIMIT);
    expect(failed.every((l) => l.level === "info")).toBe(true);
    expect(failed.at(-1)?.fields).toMatchObject({
      accountAttempts: 10,
      accountLimit: 10,
      ip: "10.0.0.9",
      locked: true,
    });
    expect(log.lines.find((l) => l.message.includes("throttled"))?.fields).toMatchObject({ limitedBy: "account" });
    expect(JSON.stringify(log.lines)).not.toContain("wrong 3");
  });

  it("counts 30 parallel wrong guesses atomically: exactly the limit of them reach a password check", async () => {
    await ctx.db.delete(signInThrottle);
    const log = recordingLog();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        checkSignIn(ctx.db, { email: "bob@example.com", password: `guess ${i}`, ip: `198.51.100.${i}` }, { log }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "wrong")).toHaveLength(ACCOUNT_LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(30 - ACCOUNT_LIMIT);
    expect(log.lines.filter((l) => l.message.startsWith("sign-in failed"))).toHaveLength(ACCOUNT_LIMIT);
  });

  it("does not lock a right password out because others failed from the same address", async () => {
    await ctx.db.delete(signInThrottle);
    const log = recordingLog();
    // Nine colleagues behind one office address each mistype their password (as many as one account may).
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < ACCOUNT_LIMIT; j++) {
        await reserveSignInAttempt(ctx.db, throttleKeys(`colleague${i}@example.com`, "192.0.2.1"), new Date());
      }
    }
    expect(
      await checkSignIn(
        ctx.db,
        { email: "ada@example.com", password: "correct horse battery", ip: "192.0.2.1" },
        { log },
      ),
    ).toMatchObject({ ok: true });
    // The address alone is limited far higher than an account, and then refuses.
    for (let i = 9 * ACCOUNT_LIMIT; i < IP_LIMIT; i++) {
      await reserveSignInAttempt(ctx.db, throttleKeys(`sprayed${i}@example.com`, "192.0.2.1"), new Date());
    }
    expect(
      await checkSignIn(ctx.db, { email: "bob@example.com", password: "x", ip: "192.0.2.1" }, { log }),
    ).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // A refused attempt gives its account slot back: bob's account is not charged for the address's limit.
    expect((await readThrottle(ctx.db, throttleKeys("bob@example.com", undefined)))["email:bob@example.com"]).toBe(0);
  });

  it("changing the password ends every other session of the user, and needs the current password", async () => {
    const user = await signUp(ctx.db, { email: "carol@example.com", password: "first password!" });
    const maxAgeMs = 60_000;
    const laptop = await startSession(ctx.db, user.id, { maxAgeMs });
    const phone = await startSession(ctx.db, user.id, { maxAgeMs });
    const other = await signUp(ctx.db, { email: "dan@example.com", password: "dans password!" });
    const dans = await startSession(ctx.db, other.id, { maxAgeMs });
    await expect(
      changePassword(ctx.db, user.id, { currentPassword: "not it at all", newPassword: "second password!" }, laptop),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { currentPassword: expect.any(String) } });
    expect(await isSessionActive(ctx.db, phone, user.id)).toBe(true);
    expect(
      await changePassword(
        ctx.db,
        user.id,
        { currentPassword: "first password!", newPassword: "second password!" },
        laptop,
      ),
    ).toEqual({ otherSessionsEnded: 1 });
    expect(await isSessionActive(ctx.db, laptop, user.id)).toBe(true);
    expect(await isSessionActive(ctx.db, phone, user.id)).toBe(false);
    expect(await isSessionActive(ctx.db, dans, other.id)).toBe(true);
    expect(await verifyCredentials(ctx.db, "carol@example.com", "second password!")).toMatchObject({ id: user.id });
    // A session belongs to its user only, and a malformed id is simply not a session.
    expect(await isSessionActive(ctx.db, laptop, other.id)).toBe(false);
    expect(await isSessionActive(ctx.db, "------------------------------------", user.id)).toBe(false);
  });

  it("an expired session is not active", async () => {
    const user = await signUp(ctx.db, { email: "erin@example.com", password: "erins password" });
    const start = new Date("2026-01-01T00:00:00Z");
    const id = await startSession(ctx.db, user.id, { now: start, maxAgeMs: 1000 });
    expect(await isSessionActive(ctx.db, id, user.id, new Date(start.getTime() + 500))).toBe(true);
    expect(await isSessionActive(ctx.db, id, user.id, new Date(start.getTime() + 1500))).toBe(false);
  });
});

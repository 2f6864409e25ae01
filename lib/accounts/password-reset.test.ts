import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { accountTokens } from "@/db/schema/account-tokens";
import { describeEachDb } from "@/db/testing/describe-db";
import { recordingLog } from "@/lib/email/testing/recording-log";
import { type ReceivedMail, startTestSmtpServer, type TestSmtpServer } from "@/lib/email/testing/smtp-test-server";
import { signUp, verifyCredentials } from "./accounts";
import { hashAccountToken } from "./account-tokens";
import { isEmailVerified } from "./email-verification";
import { isResetTokenUsable, RESET_ANSWER_FLOOR_MS, requestPasswordReset, resetPassword } from "./password-reset";
import { isSessionActive, startSession } from "./sessions";

// Every mail goes through a real SMTP server in this process.
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("AUTH_URL", "https://conduit.example.com");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp.close();
});

function linkIn(mail: ReceivedMail): URL {
  const match = mail.parsed.text?.match(/https:\/\/\S+/);
  if (!match) throw new Error("no link in the mail");
  return new URL(match[0]);
}

describeEachDb("password reset by email link", (ctx) => {
  const email = () => `reset-${ctx.kind}@example.com`;

  it("mails a one-hour link that sets the new password once and signs out every session", async () => {
    const user = await signUp(ctx.db, { email: email(), password: "old password 123" });
    const day = 30 * 86_400_000;
    const sessions = [
      await startSession(ctx.db, user.id, { maxAgeMs: day }),
      await startSession(ctx.db, user.id, { maxAgeMs: day }),
    ];

    await requestPasswordReset(ctx.db, email(), { floorMs: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes(email()));
    expect(mail.parsed.subject).toBe("Reset your Conduit password");
    const link = linkIn(mail);
    expect(link.origin).toBe("https://conduit.example.com");
    expect(link.pathname).toBe("/reset-password");
    const token = link.searchParams.get("token")!;
    // Only the token's hash is stored; it expires an hour after it was made.
    const [row] = await ctx.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(60 * 60 * 1000);
    expect(JSON.stringify(await ctx.db.select().from(accountTokens))).not.toContain(token);

    expect(await isResetTokenUsable(ctx.db, token)).toBe(true);
    const result = await resetPassword(ctx.db, { token, newPassword: "new password 456" });
    expect(result).toEqual({ email: email(), sessionsEnded: 2 });
    for (const id of sessions) expect(await isSessionActive(ctx.db, id, user.id)).toBe(false);
    expect(await verifyCredentials(ctx.db, email(), "new password 456")).toMatchObject({ id: user.id });
    expect(await verifyCredentials(ctx.db, email(), "old password 123")).toBeNull();
    // The mail reached the address: it counts as verified.
    expect(await isEmailVerified(ctx.db, user.id)).toBe(true);

    // Single use.
    expect(await isResetTokenUsable(ctx.db, token)).toBe(false);
    await expect(resetPassword(ctx.db, { token, newPassword: "third password 789" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("expired or was already used"),
    });
  });

  it("refuses a link after its hour, a link of another purpose and a malformed token", async () => {
    const now = new Date();
    await requestPasswordReset(ctx.db, email(), { now, floorMs: 0 });
    const mail = await smtp.waitFor(
      (m) => m.to.includes(email()) && m !== smtp.received.find((x) => x.to.includes(email())),
    );
    const token = linkIn(mail).searchParams.get("token")!;
    const later = new Date(now.getTime() + 60 * 60 * 1000 + 1);
    await expect(
      resetPassword(ctx.db, { token, newPassword: "late password 000" }, { now: later }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(resetPassword(ctx.db, { token: "../../etc", newPassword: "late password 000" })).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
      },
    );
  });

  it("answers an unknown email the same way, in about the same time, and mails nobody", async () => {
    const before = smtp.received.length;
    const log = recordingLog();
    const time = async (address: string) => {
      const started = performance.now();
      await requestPasswordReset(ctx.db, address, { log });
      return performance.now() - started;
    };
    const unknown = await time(`nobody-${ctx.kind}@example.com`);
    const known = await time(email());
    expect(unknown).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
    expect(known).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
    expect(Math.abs(known - unknown)).toBeLessThan(250);
    await smtp.waitFor((m) => m.to.includes(email()) && smtp.received.indexOf(m) >= before);
    expect(smtp.received.slice(before).flatMap((m) => m.to)).toEqual([email()]);
  });

  it("sends at most three reset mails an hour to one account", async () => {
    const address = `limited-${ctx.kind}@example.com`;
    await signUp(ctx.db, { email: address, password: "some password 1" });
    const log = recordingLog();
    for (let i = 0; i < 5; i++) await requestPasswordReset(ctx.db, address, { floorMs: 0, log });
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.filter((m) => m.to.includes(address))).toHaveLength(3);
    expect(log.lines.filter((l) => l.message === "reset mail not sent: hourly limit reached")).toHaveLength(2);
  });
});

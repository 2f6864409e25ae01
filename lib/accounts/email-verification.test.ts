import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "@/db/schema/accounts";
import { emailOutbox } from "@/db/schema/email";
import { describeEachDb } from "@/db/testing/describe-db";
import { findOrCreateOAuthUser, signUp } from "./accounts";
import { isEmailVerified, sendVerificationEmail, verifyEmail } from "./email-verification";

// No SMTP_URL (the embedded default): the link is read from the outbox, as on a fresh machine.
describeEachDb("email verification", (ctx) => {
  async function lastLinkTo(address: string): Promise<URL> {
    const mails = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
    const mail = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
    expect(mail?.workspaceId).toBeNull(); // an account mail: in no workspace's Outbox page
    return new URL(mail!.bodyText.match(/http:\/\/\S+/)![0]);
  }

  it("mails a link that marks the address verified, once", async () => {
    const user = await signUp(ctx.db, { email: "verify@example.com", password: "a good password" });
    expect(await isEmailVerified(ctx.db, user.id)).toBe(false);
    expect(await sendVerificationEmail(ctx.db, user.id)).toBe("sent");
    const link = await lastLinkTo("verify@example.com");
    expect(link.origin).toBe("http://localhost:3000");
    expect(link.pathname).toBe("/verify-email");
    const token = link.searchParams.get("token")!;

    expect(await verifyEmail(ctx.db, token)).toEqual({ email: "verify@example.com" });
    expect(await isEmailVerified(ctx.db, user.id)).toBe(true);
    await expect(verifyEmail(ctx.db, token)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Nothing more to send.
    expect(await sendVerificationEmail(ctx.db, user.id)).toBe("verified");
  });

  it("counts the mark for the address only: a changed email is unverified, its old link dead", async () => {
    const user = await signUp(ctx.db, { email: "mover@example.com", password: "a good password" });
    await sendVerificationEmail(ctx.db, user.id);
    const oldToken = (await lastLinkTo("mover@example.com")).searchParams.get("token")!;
    await ctx.db.update(users).set({ email: "moved@example.com" }).where(eq(users.id, user.id));
    await expect(verifyEmail(ctx.db, oldToken)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await isEmailVerified(ctx.db, user.id)).toBe(false);
    await sendVerificationEmail(ctx.db, user.id);
    await verifyEmail(ctx.db, (await lastLinkTo("moved@example.com")).searchParams.get("token")!);
    expect(await isEmailVerified(ctx.db, user.id)).toBe(true);
  });

  it("refuses an expired link and limits mails to three an hour", async () => {
    const user = await signUp(ctx.db, { email: "slow@example.com", password: "a good password" });
    const now = new Date();
    expect(await sendVerificationEmail(ctx.db, user.id, { now })).toBe("sent");
    const token = (await lastLinkTo("slow@example.com")).searchParams.get("token")!;
    await expect(verifyEmail(ctx.db, token, { now: new Date(now.getTime() + 49 * 3_600_000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await sendVerificationEmail(ctx.db, user.id, { now })).toBe("sent");
    expect(await sendVerificationEmail(ctx.db, user.id, { now })).toBe("sent");
    expect(await sendVerificationEmail(ctx.db, user.id, { now })).toBe("limited");
  });

  it("treats an account that signs in only with GitHub or Google as verified", async () => {
    const user = await findOrCreateOAuthUser(ctx.db, "oauth@example.com", "O");
    expect(await isEmailVerified(ctx.db, user.id)).toBe(true);
  });
});

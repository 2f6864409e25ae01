import { eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { emailOutbox } from "@/db/schema/email";
import { describeEachDb } from "@/db/testing/describe-db";
import { listOutbox, pruneOutbox } from "./outbox";
import { sendEmail } from "./send";
import { recordingLog } from "./testing/recording-log";

// SMTP_URL is unset here (lib/testing/test-env.ts clears it): the embedded default.
describeEachDb("sendEmail without SMTP: the outbox", (ctx) => {
  it("keeps the mail in the outbox under its workspace and logs the subject and link", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Acme" }).returning();
    const [other] = await ctx.db.insert(workspaces).values({ name: "Other" }).returning();
    const log = recordingLog();
    const result = await sendEmail(
      ctx.db,
      {
        workspaceId: ws!.id,
        to: "op@example.com",
        subject: "You are invited to Acme",
        text: "Accept: http://localhost:3000/invite/tok123\nThanks",
      },
      { log },
    );
    expect(result.delivery).toBe("outbox");
    await sendEmail(ctx.db, { workspaceId: other!.id, to: "x@example.com", subject: "Other's", text: "x" }, { log });
    await sendEmail(ctx.db, { to: "ada@example.com", subject: "Reset your password", text: "http://l/r/1" }, { log });

    const mails = await listOutbox(ctx.db, ws!.id);
    expect(mails).toEqual([
      expect.objectContaining({
        to: "op@example.com",
        from: "Conduit <conduit@localhost>",
        subject: "You are invited to Acme",
        text: "Accept: http://localhost:3000/invite/tok123\nThanks",
      }),
    ]);
    expect(log.lines[0]).toMatchObject({
      level: "info",
      message: "Mail kept in the outbox (SMTP_URL is not set)",
      fields: {
        to: "op@example.com",
        subject: "You are invited to Acme",
        links: ["http://localhost:3000/invite/tok123"],
      },
    });
    // The account mail has no workspace: in the table and the log, in no workspace's outbox.
    const [reset] = await ctx.db.select().from(emailOutbox).where(isNull(emailOutbox.workspaceId));
    expect(reset).toMatchObject({ subject: "Reset your password", workspaceId: null });
    expect(log.lines[2]?.fields?.links).toEqual(["http://l/r/1"]);
  });

  it("keeps attachments (in base64) and headers of an outbox mail", async () => {
    const result = await sendEmail(
      ctx.db,
      {
        to: "vendor@example.com",
        subject: "Order file",
        text: "Attached.",
        attachments: [{ filename: "po.csv", content: Buffer.from("sku\nA\n"), contentType: "text/csv" }],
        headers: { "Message-ID": "<po@x>" },
      },
      { log: recordingLog() },
    );
    const [row] = await ctx.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.id, result.delivery === "outbox" ? result.outboxId : ""));
    expect(row!.attachments).toEqual([
      {
        filename: "po.csv",
        contentType: "text/csv",
        size: 6,
        contentBase64: Buffer.from("sku\nA\n").toString("base64"),
      },
    ]);
    expect(row!.headers).toEqual({ "Message-ID": "<po@x>" });
  });

  it("prunes mails older than thirty days", async () => {
    const now = new Date();
    await ctx.db.insert(emailOutbox).values({
      toAddress: "a@b.c",
      fromAddress: "c@d.e",
      subject: "old",
      bodyText: "x",
      createdAt: new Date(now.getTime() - 31 * 86_400_000),
    });
    expect(await pruneOutbox(ctx.db, now)).toBe(1);
    expect((await ctx.db.select().from(emailOutbox)).map((m) => m.subject)).not.toContain("old");
  });
});

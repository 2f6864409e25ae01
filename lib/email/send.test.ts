import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { emailOutbox } from "@/db/schema/email";
import { describeEachDb } from "@/db/testing/describe-db";
import { sendEmail } from "./send";
import { recordingLog } from "./testing/recording-log";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-test-server";

// SMTP_URL points at a real SMTP server in this process; sendEmail reads it from the environment.
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer({ rejectRecipients: ["bounce@example.com"] });
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MAIL_FROM", "Conduit Tests <conduit@example.com>");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp.close();
});

describeEachDb("sendEmail through SMTP", (ctx) => {
  it("delivers the mail to the SMTP server, logged in, with MAIL_FROM, text and HTML", async () => {
    const log = recordingLog();
    const result = await sendEmail(
      ctx.db,
      {
        to: "ada@example.com",
        subject: `Hello ${ctx.kind}`,
        text: "Open https://conduit.example.com/reset?token=abc to continue.",
        html: "<p>Open the link</p>",
      },
      { log },
    );
    expect(result.delivery).toBe("smtp");
    const mail = await smtp.waitFor((m) => m.parsed.subject === `Hello ${ctx.kind}`);
    expect(mail.to).toEqual(["ada@example.com"]);
    expect(mail.from).toBe("conduit@example.com");
    expect(mail.user).toBe("tester");
    expect(mail.parsed.from?.value).toEqual([{ name: "Conduit Tests", address: "conduit@example.com" }]);
    expect(mail.parsed.text?.trim()).toBe("Open https://conduit.example.com/reset?token=abc to continue.");
    expect(mail.parsed.html).toContain("<p>Open the link</p>");
    // Nothing is kept in the outbox when SMTP is configured; the log has no link and no SMTP password.
    expect(await ctx.db.select().from(emailOutbox)).toEqual([]);
    expect(log.text()).not.toContain("token=abc");
    expect(log.text()).not.toContain("secret");
    expect(log.lines).toEqual([expect.objectContaining({ message: "Mail sent" })]);
  });

  it("sends attachments and extra headers such as a stable Message-ID", async () => {
    await sendEmail(ctx.db, {
      to: "vendor@example.com",
      subject: `Order file ${ctx.kind}`,
      text: "Attached.",
      attachments: [{ filename: "po-1.csv", content: "sku,qty\nA,1\n", contentType: "text/csv" }],
      headers: { "Message-ID": `<po-1-${ctx.kind}@conduit.example.com>` },
    });
    const mail = await smtp.waitFor((m) => m.parsed.subject === `Order file ${ctx.kind}`);
    expect(mail.parsed.messageId).toBe(`<po-1-${ctx.kind}@conduit.example.com>`);
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString("utf8")])).toEqual([
      ["po-1.csv", "text/csv", "sku,qty\nA,1\n"],
    ]);
  });

  it("refuses a header value that would start a new header", async () => {
    await expect(
      sendEmail(ctx.db, { to: "a@example.com", subject: "x", text: "x", headers: { "X-Ref": "a\r\nBcc: e@x.com" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("answers UPSTREAM with the server's code when the server refuses the recipient", async () => {
    const log = recordingLog();
    await expect(
      sendEmail(ctx.db, { to: "bounce@example.com", subject: "Refused", text: "x" }, { log }),
    ).rejects.toMatchObject({ code: "UPSTREAM", message: expect.stringContaining("550") });
    expect(log.text()).not.toContain("secret");
  });

  it("answers UPSTREAM when no server listens at the address", async () => {
    const closed = await startTestSmtpServer();
    const url = closed.url;
    await closed.close();
    await expect(
      sendEmail(
        ctx.db,
        { to: "ada@example.com", subject: "Nobody", text: "x" },
        { config: { smtpUrl: url, from: "a@b.c" }, log: recordingLog() },
      ),
    ).rejects.toMatchObject({ code: "UPSTREAM" });
  });

  it("refuses a bad address or a two-line subject before sending", async () => {
    await expect(sendEmail(ctx.db, { to: "not an address", subject: "Hi", text: "x" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      sendEmail(ctx.db, { to: "ada@example.com", subject: "Hi\r\nBcc: eve@example.com", text: "x" }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: "A mail's subject must be one line" });
  });
});

/**
 * Sending mail. With SMTP_URL set, the message goes through nodemailer to that server; without
 * it (the embedded default) the message is stored in the local outbox table (db/schema/email.ts)
 * and the server log prints its subject and links, so invites and password resets work on a
 * fresh machine. The log never holds SMTP_URL (it carries the SMTP password) nor a mail's body:
 * only the recipient, the subject and, in outbox mode, the links the mail carries (a one-time
 * link is the one secret printed, because the log is then the only way to reach it).
 */
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { Db } from "@/db/client";
import { emailOutbox } from "@/db/schema/email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createLogger, type Logger } from "@/lib/log";

/** One mail. `workspaceId` files it under a workspace (its owner sees it in Settings → Outbox). */
export interface EmailMessage {
  /** The workspace the mail is about; omit for account mails (password reset, verification). */
  workspaceId?: string | null;
  /** One address. */
  to: string;
  /** One line, at most 200 characters. */
  subject: string;
  /** The plain-text body (always sent; the HTML body is optional). */
  text: string;
  html?: string;
  /** Files to attach (nodemailer's shape); at most 10 MB in all. Kept in base64 in outbox mode. */
  attachments?: EmailAttachment[];
  /** Extra headers, e.g. a stable "Message-ID" so a re-sent mail threads with the first. */
  headers?: Record<string, string>;
}

export interface EmailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

/** Where mail goes: SMTP_URL and MAIL_FROM (lib/env.ts) unless a test passes its own. */
export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
}

export interface SendEmailOptions {
  config?: MailConfig;
  log?: Logger;
}

export type SendEmailResult = { delivery: "smtp"; messageId: string } | { delivery: "outbox"; outboxId: string };

const messageSchema = z.object({
  workspaceId: z.string().uuid().nullish(),
  to: z.string().trim().email("The recipient must be an email address"),
  subject: z
    .string()
    .trim()
    .min(1, "A mail needs a subject")
    .max(200, "A mail's subject must be at most 200 characters")
    .refine((s) => !/[\r\n]/.test(s), "A mail's subject must be one line"),
  text: z.string().min(1, "A mail needs a body"),
  html: z.string().optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().trim().min(1, "An attachment needs a file name").max(200),
        content: z.union([z.string(), z.instanceof(Buffer)]),
        contentType: z.string().max(200).optional(),
      }),
    )
    .max(20, "A mail may carry at most 20 attachments")
    .optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "A header name is letters, digits and dashes"),
      z
        .string()
        .max(1000)
        .refine((v) => !/[\r\n]/.test(v), "A header value must be one line"),
    )
    .optional(),
});

/** The most a mail's attachments may weigh together, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function toBuffer(content: string | Buffer): Buffer {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

const defaultLog = createLogger("email");

/** The mail settings from the environment. */
export function mailConfigFromEnv(): MailConfig {
  const e = env();
  return { smtpUrl: e.smtpUrl, from: e.mailFrom };
}

/** Every http(s) link in a text, in order (what the log prints for an outbox mail). */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
}

// One transport per SMTP URL, reused across mails (a test's server has its own URL).
const transports = new Map<string, Transporter>();

// nodemailer waits two minutes for a silent server by default; a person is waiting on the answer.
const TIMEOUT_DEFAULTS = { connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    for (const [key, value] of Object.entries(TIMEOUT_DEFAULTS)) {
      if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    }
    transport = nodemailer.createTransport(url.toString());
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * Sends one mail, or keeps it in the outbox when no SMTP server is configured.
 *
 * Throws AppError VALIDATION for a bad address or subject, and AppError UPSTREAM when the SMTP
 * server cannot be reached or refuses the message (its reply code is in the message; the
 * details are logged without the SMTP URL).
 */
export async function sendEmail(
  db: Db,
  message: EmailMessage,
  options: SendEmailOptions = {},
): Promise<SendEmailResult> {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) {
    throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "The mail is not valid.");
  }
  const mail = parsed.data;
  const attachments = (mail.attachments ?? []).map((a) => ({ ...a, content: toBuffer(a.content) }));
  if (attachments.reduce((sum, a) => sum + a.content.length, 0) > MAX_ATTACHMENT_BYTES) {
    throw new AppError("VALIDATION", "A mail's attachments may weigh at most 10 MB together.");
  }
  const headers = mail.headers && Object.keys(mail.headers).length > 0 ? mail.headers : undefined;
  const config = options.config ?? mailConfigFromEnv();
  const log = options.log ?? defaultLog;

  if (!config.smtpUrl) {
    const [row] = await db
      .insert(emailOutbox)
      .values({
        workspaceId: mail.workspaceId ?? null,
        toAddress: mail.to,
        fromAddress: config.from,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html ?? null,
        attachments: attachments.length
          ? attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType ?? null,
              size: a.content.length,
              contentBase64: a.content.toString("base64"),
            }))
          : null,
        headers: headers ?? null,
      })
      .returning({ id: emailOutbox.id });
    log.info("Mail kept in the outbox (SMTP_URL is not set)", {
      to: mail.to,
      subject: mail.subject,
      links: linksIn(mail.text),
      outboxId: row!.id,
    });
    return { delivery: "outbox", outboxId: row!.id };
  }

  try {
    const info = await transportFor(config.smtpUrl).sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: attachments.length ? attachments : undefined,
      headers,
    });
    log.info("Mail sent", { to: mail.to, subject: mail.subject, messageId: info.messageId });
    return { delivery: "smtp", messageId: info.messageId };
  } catch (error) {
    const e = error as { code?: string; responseCode?: number; command?: string };
    log.warn("Mail not sent", {
      to: mail.to,
      subject: mail.subject,
      code: e.code,
      responseCode: e.responseCode,
      command: e.command,
    });
    const reply = e.responseCode ? ` (it answered ${e.responseCode})` : e.code ? ` (${e.code})` : "";
    throw new AppError("UPSTREAM", `The mail server did not accept the mail${reply}. Try again later.`, {
      cause: error,
    });
  }
}

/**
 * Settings → Outbox page (owners): the workspace's mails kept while no SMTP server is configured,
 * newest first, in pages.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { requirePageCapability } from "@/lib/server/session";

export const metadata: Metadata = { title: "Outbox", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

/** Settings → Outbox (owners): the workspace's mails kept while no SMTP server is configured. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const session = await requirePageCapability("outbox.read");
  const { before } = await searchParams;
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const mails = await listOutbox(await getDb(), session.workspaceId, { limit: PAGE_SIZE, before: beforeDate });
  const smtpConfigured = Boolean(env().smtpUrl);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Outbox"
        description="Mails for this workspace (invites, alerts, digests) that Conduit kept here because no SMTP server is configured. Kept 30 days."
      />
      {smtpConfigured && (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-800">
          An SMTP server is configured (SMTP_URL): new mails are sent, not kept here. Below are mails from before.
        </p>
      )}
      <p className="text-sm text-slate-600">
        Password reset and email verification mails belong to a person, not a workspace: they are never shown here, only
        in the server log.
      </p>
      {mails.length === 0 ? (
        <EmptyState title="No mails">Nothing has been kept for this workspace.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium">{mail.subject}</span>{" "}
                  <span className="ml-1 text-sm text-slate-600">
                    · to {mail.to} · <time dateTime={mail.createdAt.toISOString()}>{formatUtc(mail.createdAt)}</time>
                  </span>
                </summary>
                <p className="mt-2 text-xs text-slate-600">From {mail.from}</p>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
                {mail.attachments.length > 0 && (
                  <p className="mt-2 text-xs text-slate-600">
                    Attached:{" "}
                    {mail.attachments.map((a) => `${a.filename} (${a.size.toLocaleString("en-US")} bytes)`).join(", ")}
                  </p>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
      {mails.length === PAGE_SIZE && (
        <Link
          className="text-sm font-medium text-brand-700 underline"
          href={`/settings/outbox?before=${encodeURIComponent(mails.at(-1)!.createdAt.toISOString())}`}
        >
          Older mails
        </Link>
      )}
    </div>
  );
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
